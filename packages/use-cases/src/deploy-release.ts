import type { Instance, Release } from "@pier/db";
import { findSize, DEFAULT_SIZE, placeInstances } from "@pier/placement-core";
import { advanceRollout, initialRollout, isFinished, type RolloutCommand, type RolloutEvent, type RolloutType } from "@pier/release-core";
import type { EngineDeps } from "./deps.js";
import { waitUntilDrained } from "./drain-instances.js";
import { awaitHealthy, runInstanceContainer, type InstanceToRun } from "./instance-runner.js";
import { ensureLocalHost } from "./local-host.js";
import { placementHosts } from "./placement-input.js";
import { publishRoutes } from "./publish-routes.js";
import { STOP_GRACE_SECONDS, stopInstances } from "./stop-instances.js";

export { INSTANCE_PORT } from "./instance-runner.js";

/** Routers swap tables within milliseconds of a publish; old instances keep in-flight requests this long. */
const DRAIN_MS = 2000;

export class DeployError extends Error {
  override name = "DeployError";
}

type DeployDeps = EngineDeps & {
  onOutput?: (line: string) => void;
  drainMs?: number;
  /** Called once the routes point at the new release (it answers), before the old instances drain and stop. */
  onLive?: () => Promise<void>;
};

/**
 * Carries out a rolling deploy planned by @pier/release-core: starts the release's instances on
 * hosts chosen by @pier/placement-core, gates them on health, switches routes, drains and stops the
 * previous instances. A failure stops only the new instances, marks the release failed with why
 * and throws DeployError; the running release keeps serving.
 */
export async function deployRelease(release: Release, deps: DeployDeps): Promise<void> {
  const say = deps.onOutput ?? (() => {});
  const app = await deps.prisma.app.findUniqueOrThrow({ where: { id: release.appId }, include: { formation: true } });
  await ensureLocalHost(deps);
  const processTypes = release.processTypes as Record<string, string[]>;
  const fail = async (why: string): Promise<never> => {
    await deps.prisma.release.update({ where: { id: release.id }, data: { status: "failed", error: why } });
    throw new DeployError(why);
  };
  if (!processTypes.web) return fail("No web process: add a Procfile with a `web:` line.");

  // One-offs (a command of their own) are not part of the formation: they run to their end.
  const old = (
    await deps.prisma.instance.findMany({
      where: { appId: app.id, releaseId: { not: release.id }, state: { in: ["up", "crashed", "starting"] } },
      include: { host: true },
    })
  ).filter((i) => i.command === null);
  const sizes = new Map(app.formation.map((f) => [f.type, f.size]));
  const wanted = app.formation.filter((f) => f.quantity > 0 && processTypes[f.type]);
  const typeNames = [...new Set([...wanted.map((f) => f.type), ...old.map((i) => i.type)])].sort((a, b) => (a === "web" ? -1 : b === "web" ? 1 : a < b ? -1 : a > b ? 1 : 0));
  const types: RolloutType[] = typeNames.map((type) => ({
    type,
    quantity: wanted.find((f) => f.type === type)?.quantity ?? 0,
    http: type === "web",
    old: old.filter((i) => i.type === type).map((i) => i.id),
  }));

  // Preboot: the new instances run beside the old ones until the switch, so both are allocated.
  const placed = placeInstances({
    ...(await placementHosts(deps)),
    requests: types.map((t) => ({ group: `${app.id}/${t.type}`, count: t.quantity, memoryBytes: memoryOf(sizes.get(t.type)) })),
  });
  if (!placed.ok) return fail(`Not enough room for ${placed.group.split("/")[1]}: ${placed.reason}`);
  const hostFor = new Map<string, string>(placed.placements.flatMap((p, i) => p.hostIds.map((h, n): [string, string] => [`${types[i]!.type}.${n + 1}`, h])));

  const rows = new Map<string, InstanceToRun>();
  const execute = async (cmd: RolloutCommand): Promise<RolloutEvent[]> => {
    switch (cmd.type) {
      case "start-instance": {
        const row = await deps.prisma.instance.create({
          data: { appId: app.id, releaseId: release.id, hostId: hostFor.get(cmd.key)!, type: cmd.processType, number: cmd.number, size: sizes.get(cmd.processType) ?? DEFAULT_SIZE },
          include: { host: true },
        });
        rows.set(cmd.key, row);
        say(`Starting ${cmd.key} (release v${release.version}) on ${row.host.name}`);
        try {
          await runInstanceContainer(row, app, release, deps);
        } catch (err) {
          await deps.prisma.instance.deleteMany({ where: { id: row.id } });
          return [{ type: "instance-failed", key: cmd.key, why: `did not start: ${(err as Error).message}` }];
        }
        return [{ type: "instance-started", key: cmd.key, instanceId: row.id }];
      }
      case "check-health": {
        const row = await deps.prisma.instance.findUniqueOrThrow({ where: { id: cmd.instanceId }, include: { host: true } });
        try {
          await awaitHealthy(row, release, row.containerId!, row.hostPort!, deps);
        } catch (err) {
          return [{ type: "instance-failed", key: cmd.key, why: (err as Error).message.replace(`${cmd.key} `, "") }];
        }
        say(`${cmd.key} is up`);
        return [{ type: "instance-healthy", key: cmd.key }];
      }
      case "switch-routes":
        await switchTo(release, [...rows.values()], old, deps);
        await publishRoutes(deps);
        say(`Routing to release v${release.version}`);
        await deps.onLive?.();
        return [{ type: "routes-switched" }];
      case "wait-drain":
        await waitUntilDrained(old, deps, { minMs: cmd.ms });
        return [{ type: "drained" }];
      case "stop-instances": {
        const ids = new Set(cmd.instanceIds);
        const targets = cmd.which === "old" ? old.filter((i) => ids.has(i.id)) : await deps.prisma.instance.findMany({ where: { id: { in: cmd.instanceIds } }, include: { host: true } });
        await stopInstances(targets, deps, cmd.graceSeconds);
        return [{ type: "instances-stopped", instanceIds: cmd.instanceIds }];
      }
      case "mark-release-failed":
        await deps.prisma.release.update({ where: { id: release.id }, data: { status: "failed", error: cmd.why } });
        return [];
    }
  };

  const state = await runRollout(
    initialRollout({ types, drainMs: deps.drainMs ?? DRAIN_MS, graceSeconds: STOP_GRACE_SECONDS }),
    execute,
  );
  if (state.phase === "failed") throw new DeployError(state.failure ?? "the deploy failed");
}

const memoryOf = (size: string | undefined) => (findSize(size ?? DEFAULT_SIZE) ?? findSize(DEFAULT_SIZE)!).memoryBytes;

/** The switch, in one transaction: new instances up, old draining, the release current. */
async function switchTo(release: Release, fresh: Instance[], old: Instance[], deps: EngineDeps): Promise<void> {
  await deps.prisma.$transaction([
    deps.prisma.instance.updateMany({ where: { id: { in: fresh.map((i) => i.id) } }, data: { state: "up" } }),
    deps.prisma.instance.updateMany({ where: { id: { in: old.map((i) => i.id) } }, data: { state: "draining" } }),
    deps.prisma.release.update({ where: { id: release.id }, data: { status: "succeeded", error: null } }),
  ]);
}

/** Feeds the machine the results of its commands (run concurrently) until it finishes. */
async function runRollout(
  start: ReturnType<typeof initialRollout>,
  execute: (cmd: RolloutCommand) => Promise<RolloutEvent[]>,
): Promise<ReturnType<typeof initialRollout>> {
  const inbox: RolloutEvent[] = [{ type: "begin" }];
  let inflight = 0;
  let fatal: unknown;
  let wake = () => {};
  let state = start;
  const launch = (cmd: RolloutCommand) => {
    inflight++;
    execute(cmd)
      .then((events) => inbox.push(...events), (err: unknown) => (fatal ??= err))
      .finally(() => {
        inflight--;
        wake();
      });
  };
  while (!isFinished(state) || inflight > 0) {
    const event = inbox.shift();
    if (event) {
      const step = advanceRollout(state, event);
      state = step.state;
      step.commands.forEach(launch);
      continue;
    }
    if (inflight === 0) break;
    await new Promise<void>((r) => (wake = r));
  }
  if (fatal) throw fatal;
  if (!isFinished(state)) throw new Error(`The deploy stopped while ${state.phase}`);
  return state;
}
