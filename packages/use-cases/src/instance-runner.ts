import { LABEL, startInstance, waitForHttp, containerLogsTail, errorMessage } from "@pier/docker";
import type { Host, Instance, Release } from "@pier/db";
import { instanceContainerName } from "@pier/naming-core";
import { findSize, DEFAULT_SIZE } from "@pier/placement-core";
import type { EngineDeps } from "./deps.js";
import { existingAppNetwork } from "./addons-docker.js";
import { addonEnvForHost } from "./addons-remote.js";
import { engineFor, ensureImage } from "./engines.js";
import { openConfig } from "./secret-box.js";

/** The port every instance listens on inside its container; published on its host's address. */
export const INSTANCE_PORT = 5000;
/** Config var naming the path a new web instance must answer before it gets traffic. */
export const HEALTHCHECK_PATH_VAR = "PIER_HEALTHCHECK_PATH";
/** A non-web instance is healthy when it is still running this long after it started. */
const SETTLE_MS = 1000;

export type InstanceToRun = Instance & { host: Host };

/**
 * Starts the container of an instance row on its host (image copied there first if needed) and
 * records it. Any previous container of the row must be gone already.
 */
export async function runInstanceContainer(inst: InstanceToRun, app: { name: string }, release: Release, deps: EngineDeps): Promise<{ containerId: string; hostPort: number }> {
  const engine = engineFor(inst.host, deps);
  await ensureImage(engine, release.imageTag!, deps);
  const processTypes = release.processTypes as Record<string, string[]>;
  const cmd = (inst.command as string[] | null) ?? processTypes[inst.type];
  if (!cmd) throw new Error(`release v${release.version} has no ${inst.type} process`);
  const size = findSize(inst.size) ?? findSize(DEFAULT_SIZE)!;
  const dyno = `${inst.type}.${inst.number}`;
  const started = await startInstance(engine, {
    // Restarts make a new container; the count keeps its name apart from the old one's.
    name: `${instanceContainerName(app.name, inst.type, inst.id)}-${inst.restarts}`,
    image: release.imageTag!,
    cmd,
    // Config var values are encrypted at rest; the instance gets them in clear.
    // Add-ons on another host are reached at that host's address (see addonEnvForHost).
    env: await addonEnvForHost(inst.appId, inst.hostId, { ...(await openConfig(release.config, deps)), PORT: String(INSTANCE_PORT), DYNO: dyno }, deps),
    port: INSTANCE_PORT,
    publishIp: inst.host.address,
    limits: { memoryBytes: size.memoryBytes, nanoCpus: size.nanoCpus, pids: size.pids },
    // Add-ons run on the local engine, on the app's network (made when the first one is created).
    networks: engine === deps.docker ? [await existingAppNetwork(deps.docker, inst.appId)].filter((n): n is string => !!n) : [],
    labels: {
      [LABEL.app]: app.name,
      [LABEL.appId]: inst.appId,
      [LABEL.release]: String(release.version),
      [LABEL.processType]: inst.type,
      [LABEL.instance]: inst.id,
      [LABEL.role]: "instance",
      [LABEL.installation]: deps.installationId,
    },
  });
  await deps.prisma.instance.update({ where: { id: inst.id }, data: { containerId: started.containerId, hostPort: started.hostPort, startedAt: new Date() } });
  return started;
}

/**
 * Resolves once a started instance is healthy: web instances answer HTTP on $PORT (any status, at
 * the app's health-check path) within the boot timeout; others are still running after a moment.
 * Rejects with what went wrong and the container's last lines.
 */
export async function awaitHealthy(inst: InstanceToRun, release: Release, containerId: string, hostPort: number, deps: EngineDeps): Promise<void> {
  const engine = engineFor(inst.host, deps);
  const isAlive = async () => (await engine.getContainer(containerId).inspect()).State.Running;
  const dyno = `${inst.type}.${inst.number}`;
  try {
    if (inst.type !== "web") {
      await new Promise((r) => setTimeout(r, SETTLE_MS));
      if (!(await isAlive())) throw new Error("exited right after it started");
      return;
    }
    const path = (await openConfig(release.config, deps))[HEALTHCHECK_PATH_VAR] || "/";
    // Short pauses between probes: the new release answers (and the push ends) sooner. The
    // engine is asked whether the process still runs at most every 250 ms, not after every probe.
    let askedAt = 0;
    const stillAlive = async () => {
      if (Date.now() - askedAt < 250) return true;
      askedAt = Date.now();
      return isAlive();
    };
    await waitForHttp({ host: inst.host.address, port: hostPort, path, timeoutMs: deps.config.bootTimeoutMs, isAlive: stillAlive, intervalMs: 25 });
  } catch (err) {
    const tail = await containerLogsTail(engine, containerId, 5).catch((e: unknown) => `(logs unavailable: ${errorMessage(e)})`);
    const what = inst.type === "web" ? "did not answer HTTP on $PORT" : "did not stay up";
    throw new Error(`${dyno} ${what}: ${errorMessage(err)}${tail.trim() ? `\n${tail.trimEnd()}` : ""}`, { cause: err });
  }
}
