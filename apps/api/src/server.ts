import type { BuildJob } from "@pier/queue";
import type { Deps } from "@pier/use-cases";
import type { Queue } from "bullmq";
import Fastify, { type FastifyInstance } from "fastify";
import { registerAuth } from "./plugins/auth.js";
import { registerErrorHandling } from "./plugins/errors.js";
import { accountRoutes } from "./routes/account.js";
import { appRoutes } from "./routes/apps/index.js";
import { buildRoutes } from "./routes/apps/builds.js";
import { consoleRoutes } from "./routes/console.js";
import { gitRoutes } from "./routes/git/index.js";
import { healthRoutes } from "./routes/healthz.js";
import { logSessionRoutes } from "./routes/log-sessions/index.js";

export type ApiDeps = Deps & { buildQueue: Queue<BuildJob> };

/** Bodies that are streams, not documents: handed to routes unread. */
const STREAMED_TYPES = ["application/x-git-receive-pack-request", "application/x-git-upload-pack-request", "application/x-tar", "application/octet-stream"];

export function buildServer(deps: ApiDeps, opts: { logger?: boolean } = {}): FastifyInstance {
  // The router writes the access log; the API logs only what goes wrong.
  const app = Fastify({ logger: opts.logger ?? false, disableRequestLogging: true, bodyLimit: 1024 * 1024 });
  app.addContentTypeParser(STREAMED_TYPES, (_req, payload, done) => done(null, payload));
  registerErrorHandling(app);
  registerAuth(app, deps);
  healthRoutes(app, deps);
  accountRoutes(app, deps);
  appRoutes(app, deps);
  buildRoutes(app, deps);
  gitRoutes(app, deps);
  logSessionRoutes(app, deps);
  consoleRoutes(app);
  return app;
}
