import { LABEL, startInstance, stopContainer, waitForHttp, containerLogsTail } from "@pier/docker";
import type { Instance, Release } from "@pier/db";
import { instanceContainerName } from "@pier/naming-core";
import type Docker from "dockerode";
import type { EngineDeps } from "./deps.js";
import { ensureLocalHost } from "./local-host.js";
import { publishRoutes } from "./publish-routes.js";
import { openConfig } from "./secret-box.js";

/** The port every instance listens on inside its container; published on a loopback port. */
export const INSTANCE_PORT = 5000;
const STOP_GRACE_SECONDS = 30;
/** Routers swap tables within milliseconds of a publish; old instances stop after this. */
const ROUTE_SETTLE_MS = 1000;

export class DeployError extends Error {
  override name = "DeployError";
}

type DeployDeps = EngineDeps & { onOutput?: (line: string) => void };

/**
 * Preboot deploy: start the release's instances, wait until web instances answer HTTP, switch
 * routes to them, then stop the previous release's instances. If anything fails before the
 * switch, only the new instances are stopped and the running release keeps serving.
 */
export async function deployRelease(release: Release, deps: DeployDeps): Promise<void> {
  const say = deps.onOutput ?? (() => {});
  const app = await deps.prisma.app.findUniqueOrThrow({ where: { id: release.appId }, include: { formation: true } });
  const host = await ensureLocalHost(deps);
  const processTypes = release.processTypes as Record<string, string[]>;
  // Values are encrypted at rest; instances get them in clear.
  const config = await openConfig(release.config, deps);
  const wanted = app.formation.filter((f) => f.quantity > 0 && processTypes[f.type]);
  if (!processTypes.web) throw new DeployError("No web process: add a Procfile with a `web:` line.");

  const started: Instance[] = [];
  try {
    for (const f of wanted) {
      for (let n = 1; n <= f.quantity; n++) {
        const row = await deps.prisma.instance.create({
          data: { appId: app.id, releaseId: release.id, hostId: host.id, type: f.type, number: n },
        });
        started.push(row);
        const { containerId, hostPort } = await startInstance(deps.docker, {
          name: instanceContainerName(app.name, f.type, row.id),
          image: release.imageTag!,
          cmd: processTypes[f.type]!,
          env: { ...config, PORT: String(INSTANCE_PORT), DYNO: `${f.type}.${n}` },
          port: INSTANCE_PORT,
          labels: {
            [LABEL.app]: app.name,
            [LABEL.appId]: app.id,
            [LABEL.release]: String(release.version),
            [LABEL.processType]: f.type,
            [LABEL.instance]: row.id,
            [LABEL.role]: "instance",
            [LABEL.installation]: deps.installationId,
          },
        }).catch((err: Error) => {
          // The process died before Docker published its port; the message has its exit and logs.
          throw new DeployError(`${f.type}.${n} did not start: ${err.message}`);
        });
        started[started.length - 1] = await deps.prisma.instance.update({
          where: { id: row.id },
          data: { containerId, hostPort },
        });
        say(`Starting ${f.type}.${n} (release v${release.version})`);
      }
    }
    for (const inst of started.filter((i) => i.type === "web")) {
      await waitForHttp({
        host: host.address,
        port: inst.hostPort!,
        timeoutMs: deps.config.bootTimeoutMs,
        isAlive: () => isRunning(deps.docker, inst.containerId!),
      }).catch(async (err: Error) => {
        const tail = await containerLogsTail(deps.docker, inst.containerId!, 5).catch(() => "");
        throw new DeployError(`web.${inst.number} did not answer HTTP on $PORT: ${err.message}${tail ? `\n${tail.trimEnd()}` : ""}`);
      });
      say(`web.${inst.number} is up`);
    }
  } catch (err) {
    await stopInstances(started, deps);
    throw err;
  }

  const previous = await deps.prisma.$transaction(async (tx) => {
    await tx.instance.updateMany({ where: { id: { in: started.map((i) => i.id) } }, data: { state: "up" } });
    const old = await tx.instance.findMany({
      where: { appId: app.id, releaseId: { not: release.id }, state: { in: ["starting", "up"] } },
    });
    await tx.instance.updateMany({ where: { id: { in: old.map((i) => i.id) } }, data: { state: "draining" } });
    return old;
  });
  await publishRoutes(deps);
  say(`Routing to release v${release.version}`);
  if (previous.length > 0) {
    await new Promise((r) => setTimeout(r, ROUTE_SETTLE_MS));
    await stopInstances(previous, deps);
  }
}

async function isRunning(docker: Docker, containerId: string): Promise<boolean> {
  const info = await docker.getContainer(containerId).inspect();
  return info.State.Running;
}

/** Stops containers (SIGTERM, then SIGKILL after the grace period) and forgets their rows. */
async function stopInstances(instances: Instance[], deps: DeployDeps): Promise<void> {
  await Promise.all(
    instances.map(async (inst) => {
      if (inst.containerId) await stopContainer(deps.docker, inst.containerId, { graceSeconds: STOP_GRACE_SECONDS });
      await deps.prisma.instance.deleteMany({ where: { id: inst.id } });
    }),
  );
}
