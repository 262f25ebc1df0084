import { parseDrainUrl, redactDrainUrl, type LogRetention } from "@pier/log-core";
import { lineNumber, logStreamKey } from "@pier/log-store";
import type { MetricFamily } from "@pier/metrics-core";
import { createRedis } from "@pier/queue";
import type { EngineDeps } from "@pier/use-cases";
import { CollectorLease } from "../collector-lease.js";
import { createDrainTransport } from "./drain-transport.js";
import { DRAIN_POSITIONS_KEY, startDrainSender, type DrainSenderStats, type DrainSpec } from "./drain-sender.js";

/**
 * Keeps one sender per log drain of this installation's apps, level-triggered: each pass lists
 * the drains and starts or stops senders to match. One worker sends (a lease), or every line
 * would reach the drain once per worker.
 */
export function startDrainLoop(
  deps: Pick<EngineDeps, "prisma" | "redis" | "config" | "installationId">,
  o: { retention: LogRetention; log: (line: string) => void; everyMs?: number; /** Extra CAs for syslog+tls drains (PIER_DRAIN_CA_FILE). */ caPem?: string },
): { stop(): Promise<void>; families(): Promise<MetricFamily[]> } {
  const lease = new CollectorLease(deps.redis, `pier:logs:drains:${deps.installationId}`);
  const senders = new Map<string, { spec: string; drain: DrainSpec; stats: DrainSenderStats; stop(): Promise<void> }>();
  const abort = new AbortController();

  async function pass(): Promise<void> {
    if (!(await lease.hold())) {
      // Another worker sends; positions stay for whoever holds the lease.
      await Promise.all([...senders.values()].map((s) => s.stop()));
      senders.clear();
      return;
    }
    const rows = await deps.prisma.logDrain.findMany({ select: { id: true, url: true, token: true, app: { select: { name: true } } } });
    const wanted = new Map<string, DrainSpec>(rows.map((r) => [r.id, { id: r.id, app: r.app.name, url: r.url, token: r.token }]));
    for (const [id, sender] of senders) {
      const spec = wanted.get(id);
      if (spec && JSON.stringify(spec) === sender.spec) continue;
      senders.delete(id);
      await sender.stop();
      if (!spec) await deps.redis.hdel(DRAIN_POSITIONS_KEY, id);
    }
    for (const spec of wanted.values()) {
      if (senders.has(spec.id)) continue;
      const transport = createDrainTransport(parseDrainUrl(spec.url), spec.token, o.caPem ? { caPem: o.caPem } : {});
      const sender = startDrainSender({ drain: spec, transport, redis: deps.redis, reading: createRedis(deps.config.redisUrl, { blocking: true }), retention: o.retention, log: o.log });
      senders.set(spec.id, { spec: JSON.stringify(spec), drain: spec, stats: sender.stats, stop: sender.stop });
      o.log(`log drain ${redactDrainUrl(spec.url)}: sending ${spec.app}'s log`);
    }
  }

  const loop = (async () => {
    while (!abort.signal.aborted) {
      await pass().catch((err: Error) => o.log(`log drains: ${err.message}`));
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, o.everyMs ?? 5000);
        abort.signal.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
      });
    }
  })();

  return {
    /** Per drain: lines not sent yet (the stream's newest line number minus the drain's), lines lost, failing sends. */
    async families() {
      const list = [...senders.values()];
      const newest = await Promise.all(list.map((s) => deps.redis.xrevrange(logStreamKey(s.drain.app), "+", "-", "COUNT", 1)));
      const seq = (id: string | undefined) => (id ? lineNumber(id) : 0);
      const labels = (s: (typeof list)[number]) => ({ app: s.drain.app, drain: redactDrainUrl(s.drain.url) });
      return [
        { name: "pier_log_drain_backlog_lines", help: "Lines of the app's log not yet sent to the drain.", type: "gauge", samples: list.map((s, i) => ({ labels: labels(s), value: Math.max(0, seq(newest[i]![0]?.[0]) - seq(s.stats.position)) })) },
        { name: "pier_log_drain_dropped_lines_total", help: "Lines trimmed from the log before the drain got them.", type: "counter", samples: list.map((s) => ({ labels: labels(s), value: s.stats.dropped })) },
        { name: "pier_log_drain_failing_sends", help: "Failed sends in a row (0: delivering).", type: "gauge", samples: list.map((s) => ({ labels: labels(s), value: s.stats.failures })) },
      ];
    },
    async stop() {
      abort.abort();
      await loop;
      await Promise.all([...senders.values()].map((s) => s.stop()));
      senders.clear();
      await lease.release().catch((err: Error) => o.log(`log drains: could not release the lease: ${err.message}`));
    },
  };
}
