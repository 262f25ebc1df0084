import { Type } from "@sinclair/typebox";
import { processFamilies, prometheusText } from "@pier/metrics-core";
import { appMetrics, type Deps } from "@pier/use-cases";
import type { FastifyInstance } from "fastify";
import { requireActor } from "../../plugins/auth.js";

const Params = Type.Object({ app: Type.String({ maxLength: 100 }) });
const Query = Type.Object({ period: Type.Optional(Type.String({ maxLength: 10 })) });

/**
 * `GET /apps/:app/metrics?period=hour|day`: time series for charts and `pier metrics`.
 * `GET /metrics`: this process in Prometheus' text format (admins only: scrape with a token).
 */
export function metricsRoutes(app: FastifyInstance, deps: Deps): void {
  app.get("/apps/:app/metrics", { schema: { params: Params, querystring: Query } }, async (req, reply) => {
    const actor = requireActor(req, reply);
    if (!actor) return reply;
    return appMetrics({ app: (req.params as { app: string }).app, period: (req.query as { period?: string }).period }, actor, deps);
  });

  app.get("/metrics", async (req, reply) => {
    const actor = requireActor(req, reply);
    if (!actor) return reply;
    if (!actor.isAdmin) return reply.status(403).send({ id: "forbidden", message: "Only admins can read Pier's process metrics." });
    const cpu = process.cpuUsage();
    const mem = process.memoryUsage();
    const text = prometheusText(
      processFamilies({ rssBytes: mem.rss, heapUsedBytes: mem.heapUsed, uptimeSeconds: process.uptime(), cpuSeconds: (cpu.user + cpu.system) / 1e6 }, "api"),
    );
    return reply.type("text/plain; version=0.0.4; charset=utf-8").send(text);
  });
}
