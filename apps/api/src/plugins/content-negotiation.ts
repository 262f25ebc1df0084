import type { FastifyInstance } from "fastify";

/** JSON bodies may arrive with Heroku's vendor type; responses are always plain JSON. */
const HEROKU_JSON = "application/vnd.heroku+json";

/**
 * Heroku clients send `Accept: application/vnd.heroku+json; version=3` (or `version=3.sdk`, ...).
 * Any version 3 variant, plain JSON, `*\/*` or no Accept is served; another API version is
 * refused with 406 rather than answered in a shape the client does not expect.
 */
export function acceptProblem(accept: string | undefined): string | undefined {
  if (!accept) return undefined;
  for (const part of accept.split(",")) {
    const [type, ...params] = part.split(";").map((s) => s.trim().toLowerCase());
    if (type !== HEROKU_JSON) continue;
    const version = params.find((p) => p.startsWith("version="))?.slice("version=".length);
    if (version !== undefined && !/^3(\.[a-z0-9-]+)?$/.test(version)) {
      return `This server speaks version 3 of the API; the request asked for version ${version.slice(0, 20)}.`;
    }
  }
  return undefined;
}

export function registerContentNegotiation(app: FastifyInstance): void {
  app.addContentTypeParser(HEROKU_JSON, { parseAs: "string" }, app.getDefaultJsonParser("error", "error"));
  app.addHook("onRequest", async (req, reply) => {
    const problem = acceptProblem(req.headers.accept);
    if (problem) return reply.status(406).send({ id: "not_acceptable", message: problem });
  });
}
