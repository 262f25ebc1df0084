import type { Host, Instance, Release } from "@pier/db";
import { instanceContainerName } from "@pier/naming-core";
import { DEFAULT_SIZE, findSize, formatBytes, placeInstances } from "@pier/placement-core";
import { existingAppNetwork } from "./addons-docker.js";
import { addonEnvForHost } from "./addons-remote.js";
import { findAccessibleApp } from "./app-access.js";
import { recordAudit } from "./audit.js";
import { currentRelease } from "./current-release.js";
import type { Actor, EngineDeps } from "./deps.js";
import { engineFor, ensureImage } from "./engines.js";
import { UseCaseError } from "./errors.js";
import { placementHosts } from "./placement-input.js";
import { runContainerSpec } from "./run-container-spec.js";
import { openConfig } from "./secret-box.js";

/** Heroku's default for one-off dynos is a day; Pier stops them after an hour unless asked. */
export const RUN_DEFAULT_TTL_SECONDS = 3600;
export const RUN_MAX_TTL_SECONDS = 86_400;
/** An attached run whose client never attaches is forgotten after this long. */
const ATTACH_WITHIN_SECONDS = 60;
export function checkTimeToLive(ttl: number): void {
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > RUN_MAX_TTL_SECONDS) throw new UseCaseError("invalid_params", `time_to_live must be 1 to ${RUN_MAX_TTL_SECONDS} seconds.`);
}
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,99}$/;

export interface RunParams {
  app: string;
  /** argv exactly as typed (`pier run`); no shell is put in front of it. */
  argv: string[];
  attach: boolean;
  /** Attached to a terminal: the one-off gets one too (Docker's Tty), sized by the client. */
  tty?: boolean;
  size?: string;
  /** Extra environment (the terminal's COLUMNS, LINES, TERM); config vars win over nothing else. */
  env?: Record<string, string>;
  timeToLiveSeconds?: number;
}

export type OneOff = Instance & { host: Host; release: Release };

/**
 * `pier run` (Heroku `POST /apps/:app/dynos`): a one-off instance of the current release with
 * its config vars. Detached, it starts now and its output goes to the app's log stream as run.N;
 * attached, it starts when the client attaches (`attachOneOff`). Either way it is stopped at its
 * time limit, by whoever holds it or by the reconciler.
 */
export async function createOneOff(params: RunParams, actor: Actor, deps: EngineDeps): Promise<OneOff> {
  const app = await findAccessibleApp(params.app, actor, deps);
  if (params.argv.length === 0 || params.argv.some((a) => a.includes("\0"))) throw new UseCaseError("invalid_params", "Give a command to run, e.g. pier run python manage.py migrate.");
  const size = findSize(params.size ?? DEFAULT_SIZE);
  if (!size) throw new UseCaseError("invalid_params", `"${params.size}" is not a size: use basic, standard, performance-m or performance-l.`);
  const ttl = params.timeToLiveSeconds ?? RUN_DEFAULT_TTL_SECONDS;
  checkTimeToLive(ttl);
  const badEnv = Object.keys(params.env ?? {}).find((k) => !ENV_NAME.test(k));
  if (badEnv !== undefined) throw new UseCaseError("invalid_params", `"${badEnv.slice(0, 100)}" is not an environment variable name.`);
  const release = await currentRelease(app.id, deps);
  if (!release?.imageTag) throw new UseCaseError("conflict", `${app.name} has no release yet: deploy it first (git push pier main).`);

  const { hosts, existing } = await placementHosts(deps);
  const placed = placeInstances({ hosts, existing, requests: [{ group: `${app.id}/run`, memoryBytes: size.memoryBytes, count: 1 }] });
  if (!placed.ok) throw new UseCaseError("conflict", `Cannot run a ${size.name} one-off (${formatBytes(size.memoryBytes)}): ${placed.reason}`);
  const number = await freeRunNumber(app.id, deps);
  // An attached run's time limit starts when its client attaches; until then it waits a minute.
  const expiresAt = new Date(Date.now() + 1000 * (params.attach ? ATTACH_WITHIN_SECONDS : ttl));
  const row = await deps.prisma.instance.create({
    data: { appId: app.id, releaseId: release.id, hostId: placed.placements[0]!.hostIds[0]!, type: "run", number, size: size.name, command: params.argv, expiresAt },
    include: { host: true, release: true },
  });
  const tty = params.attach && params.tty === true;
  await recordAudit({ action: "dyno.run", app, details: { dyno: `run.${row.number}`, attach: params.attach, tty, argv0: params.argv[0] } }, actor, deps);
  // Attached: the container waits, created, for its client (`attachOneOff` starts it).
  const containerId = await createRunContainer(row, app, params.env ?? {}, { attach: params.attach, tty }, deps);
  if (params.attach) return row;
  await engineFor(row.host, deps).getContainer(containerId).start();
  return deps.prisma.instance.update({ where: { id: row.id }, data: { containerId, state: "up", startedAt: new Date() }, include: { host: true, release: true } });
}

/**
 * One-offs are run.NNNN with a random number, as on Heroku: a later run does not share its name
 * (and its lines in the log stream) with an earlier one.
 */
async function freeRunNumber(appId: string, deps: Pick<EngineDeps, "prisma">): Promise<number> {
  const taken = new Set((await deps.prisma.instance.findMany({ where: { appId, type: "run" }, select: { number: true } })).map((r) => r.number));
  for (;;) {
    const n = 1000 + Math.floor(Math.random() * 9000);
    if (!taken.has(n)) return n;
  }
}

/** The container of a one-off, found by name while its row does not record it yet (before an attach). */
export const runContainerName = (app: string, instanceId: string) => `${instanceContainerName(app, "run", instanceId)}-0`;

/** Creates (does not start) a one-off's container on its host; the image is copied there first if needed. */
export async function createRunContainer(row: OneOff, app: { id: string; name: string }, extraEnv: Record<string, string>, io: { attach: boolean; tty: boolean }, deps: EngineDeps): Promise<string> {
  const engine = engineFor(row.host, deps);
  await ensureImage(engine, row.release.imageTag!, deps);
  const container = await engine.createContainer(
    runContainerSpec({
      name: runContainerName(app.name, row.id),
      image: row.release.imageTag!,
      argv: row.command as string[],
      env: await addonEnvForHost(app.id, row.hostId, { ...extraEnv, ...(await openConfig(row.release.config, deps)), DYNO: `run.${row.number}` }, deps),
      size: findSize(row.size) ?? findSize(DEFAULT_SIZE)!,
      attach: io.attach,
      tty: io.tty,
      // Add-ons run on the local engine, on the app's network.
      networkMode: engine === deps.docker ? await existingAppNetwork(deps.docker, app.id) : undefined,
      labels: { app: app.name, appId: app.id, release: row.release.version, instanceId: row.id, installationId: deps.installationId },
    }),
  );
  return container.id;
}
