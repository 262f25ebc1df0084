import { DATA_DIR, DATA_USER } from "@pier/addon-core";
import { redisCommand, restoreSteps, type Command, type DatabaseLogin } from "@pier/backup-core";
import { ChecksumMismatchError, execStreaming } from "@pier/backup-store";
import type { Readable } from "node:stream";
import type Docker from "dockerode";
import { addonEngine, addonLogin, BackupFailure, commandFailure, describeEngineError } from "./backups-engine.js";
import type { BackupDeps } from "./backups-capture.js";
import type { RestoreOutcome } from "./backups-queue.js";
import { backupTargetOf } from "./backups-target.js";
import { emitPlatformEvent } from "./platform-events.js";

const READY_TIMEOUT_MS = 120_000;

async function runCommand(docker: Docker, container: string, what: string, command: Command, opts: { user?: string; stdin?: Readable; anyExit?: boolean } = {}): Promise<string> {
  let out = "";
  const result = await execStreaming(docker, container, { ...command, ...(opts.user ? { user: opts.user } : {}), ...(opts.stdin ? { stdin: opts.stdin } : {}) }, async (stdout) => {
    for await (const chunk of stdout) out = (out + (chunk as Buffer).toString("utf8")).slice(-4000);
  });
  if (result.exitCode !== 0 && !opts.anyExit) throw commandFailure(what, result.exitCode, result.stderr || out);
  return out;
}

/**
 * After `SHUTDOWN NOSAVE` the container exits and Docker restarts it (restart policy): wait for
 * that (or start it), then until the server answers again.
 */
async function restartAndWait(docker: Docker, container: string, db: DatabaseLogin, startedBefore: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  // Docker's restart policy normally brings it back at once; after this, Pier starts it itself.
  const dockerRestartsBy = Date.now() + 5000;
  const c = docker.getContainer(container);
  for (;;) {
    const info = await c.inspect();
    if (info.State.Running && info.State.StartedAt !== startedBefore) break;
    if (!info.State.Running && !info.State.Restarting && Date.now() > dockerRestartsBy) await c.start();
    if (Date.now() > deadline) throw new BackupFailure(`the add-on's container ${container} did not start again within ${READY_TIMEOUT_MS / 1000} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const ping = redisCommand(db, "PING");
  for (;;) {
    const answer = await runCommand(docker, container, "redis-cli PING", ping).catch(() => "");
    if (answer.trim() === "PONG") return;
    if (Date.now() > deadline) throw new BackupFailure(`the add-on's server in ${container} did not answer after its restart`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/**
 * Restores a succeeded backup into an add-on of the same kind (its own or another): verifies the
 * stored file's checksum first (a mismatch changes nothing), then runs the kind's restore steps
 * in the target add-on's container. Reports the outcome in the target's app log too.
 */
export async function restoreBackup(params: { backupId: string; targetAddonId: string }, deps: BackupDeps): Promise<RestoreOutcome> {
  const backup = await deps.prisma.addonBackup.findUnique({ where: { id: params.backupId }, include: { addon: true } });
  const target = await deps.prisma.addon.findUnique({ where: { id: params.targetAddonId }, include: { host: true, app: true } });
  if (!backup || !target) return { ok: false, message: "the backup or the add-on to restore into no longer exists" };
  const label = `${backup.name} of ${backup.addon.name} into ${target.name}`;
  const finish = async (outcome: RestoreOutcome) => {
    if (target.app) await emitPlatformEvent(deps, target.app.name, "backups", outcome.ok ? `Restored ${label}` : `Restore of ${label} failed: ${outcome.message}`);
    return outcome;
  };
  if (backup.state !== "succeeded" || !backup.sha256 || backup.sizeBytes === null) return finish({ ok: false, message: `backup ${backup.name} is ${backup.state}: only a succeeded backup can be restored` });
  if (backup.addon.kind !== target.kind) return finish({ ok: false, message: `backup ${backup.name} is a ${backup.addon.kind} backup; ${target.name} is ${target.kind}` });
  if (target.state !== "available") return finish({ ok: false, message: `${target.name} is ${target.state}` });
  try {
    // Opening the dump checks the whole file against its checksum before any step runs.
    const dump = await (await backupTargetOf(deps, backup.target)).openDump(backup.targetKey, { sizeBytes: Number(backup.sizeBytes), sha256: backup.sha256 });
    const docker = addonEngine(target, deps);
    const db = await addonLogin(target, deps);
    const startedBefore = (await docker.getContainer(target.containerName).inspect()).State.StartedAt;
    for (const step of restoreSteps(db, { dataDir: `${DATA_DIR}/redis`, user: DATA_USER })) {
      if (step.type === "restart") await restartAndWait(docker, target.containerName, db, startedBefore);
      else await runCommand(docker, target.containerName, step.what, step.command, { ...(step.user ? { user: step.user } : {}), ...(step.stdin ? { stdin: dump } : {}), anyExit: step.endsServer === true });
    }
    return finish({ ok: true, message: `Restored ${label}.` });
  } catch (err) {
    if (err instanceof ChecksumMismatchError) return finish({ ok: false, message: `${err.message}. ${target.name} was not changed.` });
    return finish({ ok: false, message: describeEngineError(err, target.containerName) });
  }
}
