import { Readable } from "node:stream";
import { Type } from "@sinclair/typebox";
import { createRedis, readBuildLog, type BuildJob } from "@pier/queue";
import { findAccessibleApp, submitBuild, type Deps } from "@pier/use-cases";
import type { Queue } from "bullmq";
import type { FastifyInstance } from "fastify";
import { requireActor } from "../../plugins/auth.js";
import { presentBuild } from "../../presenters/build.js";

const Params = Type.Object({ app: Type.String({ maxLength: 100 }) });
const Query = Type.Object({ source_version: Type.Optional(Type.String({ maxLength: 200 })) });
/** Longer than the longest silent stretch of a build (the build timeout is shorter). */
const BUILD_IDLE_TIMEOUT_MS = 20 * 60_000;

export function buildRoutes(app: FastifyInstance, deps: Deps & { buildQueue: Queue<BuildJob> }): void {
  app.get("/apps/:app/builds", { schema: { params: Params } }, async (req, reply) => {
    const actor = requireActor(req, reply);
    if (!actor) return reply;
    const target = await findAccessibleApp((req.params as { app: string }).app, actor, deps);
    const builds = await deps.prisma.build.findMany({ where: { appId: target.id }, orderBy: { createdAt: "desc" }, take: 100 });
    return builds.map(presentBuild);
  });

  /**
   * Source as a tar body. With `Accept: application/x-ndjson` the response streams the build's
   * output and ends with its outcome (what the git pre-receive hook relays to `git push`).
   */
  app.post("/apps/:app/builds", { schema: { params: Params, querystring: Query } }, async (req, reply) => {
    const actor = requireActor(req, reply);
    if (!actor) return reply;
    if (!(req.body instanceof Readable)) {
      return reply.status(415).send({ id: "unsupported_media_type", message: "Send the source as an application/x-tar body." });
    }
    const { app: name } = req.params as { app: string };
    const { source_version } = req.query as { source_version?: string };
    const build = await submitBuild({ app: name, source: req.body, sourceVersion: source_version }, actor, deps);
    if (!String(req.headers.accept ?? "").includes("application/x-ndjson")) {
      return reply.status(201).send(presentBuild(build));
    }
    const redis = createRedis(deps.config.redisUrl, { blocking: true });
    // A client that goes away must not hold a blocked Redis connection until the idle timeout.
    reply.raw.on("close", () => redis.disconnect());
    async function* events() {
      try {
        for await (const event of readBuildLog(redis, build.id, { idleTimeoutMs: BUILD_IDLE_TIMEOUT_MS })) {
          yield `${JSON.stringify(event)}\n`;
        }
      } finally {
        redis.disconnect();
      }
    }
    return reply.status(201).type("application/x-ndjson").send(Readable.from(events()));
  });
}
