import { Readable } from "node:stream";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { createRedis, readBuildLog, type BuildJob } from "@pier/queue";
import { getBuild, listBuilds, requestBuildCachePurge, submitBuild, type Deps } from "@pier/use-cases";
import type { Queue } from "bullmq";
import type { FastifyInstance } from "fastify";
import { sendList } from "../../pagination/send-list.js";
import { actorOf } from "../../plugins/auth.js";
import { presentBuild } from "../../presenters/build.js";
import { BuildSchema } from "../../schemas/build.js";
import { AppParams, ErrorBody, RangeHeaders, Ref, withErrors } from "../../schemas/common.js";

const tags = ["builds"];
const BuildParams = Type.Object({ app: AppParams.properties.app, build: Ref("build id (or its first 8+ characters)") });
const CreateQuery = Type.Object({ source_version: Type.Optional(Type.String({ maxLength: 200 })) });
/** Longer than the longest silent stretch of a build (the build timeout is shorter). */
const BUILD_IDLE_TIMEOUT_MS = 20 * 60_000;

/** The build's log from Redis as it is written (from the start), ending with its outcome. */
function streamBuildLog(deps: Deps, buildId: string, close: (cb: () => void) => void, format: (e: { type: string; line?: string; status?: string; error?: string }) => string) {
  const redis = createRedis(deps.config.redisUrl, { blocking: true });
  // A client that goes away must not hold a blocked Redis connection until the idle timeout.
  close(() => redis.disconnect());
  async function* events() {
    try {
      for await (const event of readBuildLog(redis, buildId, { idleTimeoutMs: BUILD_IDLE_TIMEOUT_MS })) yield format(event);
    } finally {
      redis.disconnect();
    }
  }
  return Readable.from(events());
}

/**
 * Builds, Heroku Builds API style: list, show, output, create from a tar body or from
 * `{source_blob: {url}}`, and the build cache purge (`DELETE /apps/{app}/build-cache`).
 */
export function buildRoutes(app: FastifyInstance, deps: Deps & { buildQueue: Queue<BuildJob> }): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    "/apps/:app/builds",
    { schema: { tags, summary: "An app's builds", params: AppParams, headers: RangeHeaders, response: withErrors({ 200: Type.Array(BuildSchema), 206: Type.Array(BuildSchema) }, 404) } },
    async (req, reply) => {
      const { app: target, builds } = await listBuilds({ app: req.params.app }, actorOf(req), deps);
      return sendList(req, reply, builds, { fields: { created_at: (b) => b.createdAt.toISOString(), id: (b) => b.id } }, (b) => presentBuild(b, target, deps.config.apiUrl));
    },
  );

  r.get(
    "/apps/:app/builds/:build",
    { schema: { tags, summary: "One build", params: BuildParams, response: withErrors({ 200: BuildSchema }, 404) } },
    async (req) => {
      const { app: target, build } = await getBuild({ app: req.params.app, build: req.params.build }, actorOf(req), deps);
      const release = await deps.prisma.release.findFirst({ where: { buildId: build.id }, select: { id: true } });
      return presentBuild(build, target, deps.config.apiUrl, release?.id);
    },
  );

  r.get(
    "/apps/:app/builds/:build/output",
    { schema: { tags, summary: "A build's output as text, live while it runs", params: BuildParams, response: withErrors({ 200: Type.String() }, 404) } },
    async (req, reply) => {
      const { build } = await getBuild({ app: req.params.app, build: req.params.build }, actorOf(req), deps);
      reply.type("text/plain; charset=utf-8");
      if (build.finishedAt || build.status === "failed") return `${build.output}${build.output && build.error && !build.output.includes(build.error) ? `\n ! ${build.error}` : ""}\n`;
      const format = (e: { type: string; line?: string; status?: string; error?: string }) =>
        e.type === "line" ? `${e.line}\n` : e.status === "failed" ? ` !     ${e.error ?? "the build failed"}\n` : "";
      return reply.send(streamBuildLog(deps, build.id, (cb) => reply.raw.on("close", cb), format));
    },
  );

  /**
   * Source as a tar body (plain or gzipped), or JSON `{source_blob: {url}}`. With
   * `Accept: application/x-ndjson` the response streams the build's output and ends with its
   * outcome (what the git pre-receive hook relays to `git push`).
   */
  r.post(
    "/apps/:app/builds",
    {
      schema: {
        tags, summary: "Build source: a tar(.gz) body, or JSON {source_blob: {url}}", params: AppParams, querystring: CreateQuery,
        response: withErrors({ 201: BuildSchema }, 404, 415, 422),
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const body = req.body as unknown;
      let source: Readable | { url: string };
      let version = req.query.source_version;
      if (body instanceof Readable) source = body;
      else {
        const blob = (body as { source_blob?: { url?: unknown; version?: unknown } } | undefined)?.source_blob;
        if (typeof blob?.url !== "string") {
          return reply.status(415).send({ id: "unsupported_media_type", message: "Send the source as an application/x-tar (or gzipped) body, or JSON {\"source_blob\": {\"url\": \"https://...\"}}." });
        }
        source = { url: blob.url };
        if (typeof blob.version === "string") version = blob.version;
      }
      const build = await submitBuild({ app: req.params.app, source, ...(version ? { sourceVersion: version } : {}) }, actor, deps);
      if (!String(req.headers.accept ?? "").includes("application/x-ndjson")) {
        const { app: target } = await getBuild({ app: req.params.app, build: build.id }, actor, deps);
        return reply.status(201).send(presentBuild(build, target, deps.config.apiUrl));
      }
      return reply
        .status(201)
        .type("application/x-ndjson")
        .send(streamBuildLog(deps, build.id, (cb) => reply.raw.on("close", cb), (e) => `${JSON.stringify(e)}\n`));
    },
  );

  r.delete(
    "/apps/:app/build-cache",
    { schema: { tags, summary: "Purge the build cache: the next build installs everything from scratch", params: AppParams, response: withErrors({ 202: Type.Object({ message: Type.String() }), 422: ErrorBody }, 404) } },
    async (req, reply) => {
      const target = await requestBuildCachePurge({ app: req.params.app }, actorOf(req), deps);
      return reply.status(202).send({ message: `The build cache of ${target.name} will be purged when its next build starts.` });
    },
  );
}

