import { LABEL, errorMessage, lineSplitter } from "@pier/docker";
import { engineFor, reconcile, reconcileInstance, type EngineDeps } from "@pier/use-cases";
import { startWakeableLoop } from "./wakeable-loop.js";

/** Passes run at least this often; container events (a crash) start one at once. */
const EVERY_MS = 2000;
/** While a host misses heartbeats, passes come this often, so it is marked down soon after the threshold. */
const SUSPECT_EVERY_MS = 500;

/** The instance and container a Docker `die` event names (events come one JSON object a line). */
export function diedInstance(line: string): { instanceId: string; containerId: string } | undefined {
  if (!line.trim()) return undefined;
  let event: { Action?: string; Actor?: { ID?: string; Attributes?: Record<string, string> } };
  try {
    event = JSON.parse(line) as typeof event;
  } catch {
    // Not an event this loop understands: the pass it woke looks at everything anyway.
    return undefined;
  }
  const instanceId = event.Actor?.Attributes?.[LABEL.instance];
  if (event.Action !== "die" || !instanceId || !event.Actor?.ID) return undefined;
  return { instanceId, containerId: event.Actor.ID };
}

/**
 * The level-triggered loop: a pass on a timer and on every container event of this
 * installation on any host. Events only wake the loop; each pass re-lists everything.
 */
export function startReconcileLoop(deps: EngineDeps): { stop(): Promise<void> } {
  const streams = new Map<string, NodeJS.ReadableStream & { destroy?: () => void }>();

  async function follow(host: { id: string; name: string }) {
    if (streams.has(host.id)) return;
    const row = await deps.prisma.host.findUnique({ where: { id: host.id } });
    if (!row) return;
    const stream = (await engineFor(row, deps).getEvents({
      filters: { type: ["container"], event: ["die", "start", "destroy"], label: [`${LABEL.installation}=${deps.installationId}`] },
    })) as NodeJS.ReadableStream & { destroy?: () => void };
    streams.set(host.id, stream);
    // Each event wakes the loop; a died instance is also checked at once (reconcileInstance).
    const events = lineSplitter((line) => {
      const died = diedInstance(line);
      if (died) void reconcileInstance(died.instanceId, died.containerId, deps).catch((err: unknown) => deps.log?.(`reconcile: instance ${died.instanceId}: ${errorMessage(err)}`));
    });
    stream.on("data", (chunk: Buffer) => {
      loop.wake();
      events.push(chunk);
    });
    // A stream that ends may mean the engine went away: look at once.
    const forget = () => {
      if (streams.get(host.id) === stream) streams.delete(host.id);
      loop.wake();
    };
    stream.on("end", forget);
    stream.on("error", forget);
  }

  const loop = startWakeableLoop({
    pass: async () => {
      try {
        const result = await reconcile(deps);
        await Promise.all(result.hosts.filter((h) => h.listed).map((h) => follow(h).catch((err: unknown) => deps.log?.(`cannot follow events of host ${h.name}: ${errorMessage(err)}`))));
        if (result.again) return 0;
        return result.hosts.some((h) => !h.listed && h.state !== "down") ? SUSPECT_EVERY_MS : EVERY_MS;
      } catch (err) {
        deps.log?.(`reconcile failed: ${(err as Error).stack ?? errorMessage(err)}`);
        return EVERY_MS;
      }
    },
  });

  return {
    async stop() {
      await loop.stop();
      for (const s of streams.values()) s.destroy?.();
    },
  };
}
