import type { BuildJob, ReleaseJob } from "@pier/queue";
import type { Deps, EngineDeps } from "@pier/use-cases";
import type { Queue } from "bullmq";
import Fastify, { type FastifyInstance } from "fastify";
import { registerAuth } from "./plugins/auth.js";
import { registerContentNegotiation } from "./plugins/content-negotiation.js";
import { registerErrorHandling } from "./plugins/errors.js";
import { registerInputHygiene } from "./plugins/input-hygiene.js";
import { registerOpenApi } from "./plugins/openapi.js";
import { accountRoutes } from "./routes/account.js";
import { addonRoutes } from "./routes/addons/index.js";
import { backupRoutes } from "./routes/backups/index.js";
import { appRoutes } from "./routes/apps/index.js";
import { sniEndpointRoutes } from "./routes/apps/sni-endpoints.js";
import { buildRoutes } from "./routes/apps/builds.js";
import { collaboratorRoutes } from "./routes/apps/collaborators.js";
import { configVarRoutes } from "./routes/apps/config-vars.js";
import { domainRoutes } from "./routes/apps/domains.js";
import { dynoRoutes } from "./routes/apps/dynos.js";
import { formationRoutes } from "./routes/apps/formation.js";
import { formationsRestartRoutes } from "./routes/apps/formations-restart.js";
import { releaseRoutes } from "./routes/apps/releases.js";
import { auditRoutes } from "./routes/audit.js";
import { authRoutes } from "./routes/auth.js";
import { consoleRoutes } from "./routes/console.js";
import { eventRoutes } from "./routes/events/index.js";
import { gitRoutes } from "./routes/git/index.js";
import { healthRoutes } from "./routes/healthz.js";
import { hostRoutes } from "./routes/hosts/index.js";
import { runRoutes } from "./routes/dynos/index.js";
import { keyRoutes } from "./routes/keys.js";
import { logSessionRoutes } from "./routes/log-sessions/index.js";
import { logDrainRoutes } from "./routes/apps/log-drains.js";
import { metricsRoutes } from "./routes/metrics/index.js";
import { oauthRoutes } from "./routes/oauth.js";
import { secretKeyRoutes } from "./routes/secret-key.js";
import { userRoutes } from "./routes/users.js";

/** `docker` and `installationId`: the local engine, for one-offs (`pier run`); without them those routes answer 503. */
export type ApiDeps = Deps & { buildQueue: Queue<BuildJob>; releaseQueue: Queue<ReleaseJob> } & Partial<Pick<EngineDeps, "docker" | "installationId">>;

/** Bodies that are streams, not documents: handed to routes unread. */
const STREAMED_TYPES = ["application/x-git-receive-pack-request", "application/x-git-upload-pack-request", "application/x-tar", "application/octet-stream"];

export function buildServer(deps: ApiDeps, opts: { logger?: boolean } = {}): FastifyInstance {
  // The router writes the access log; the API logs only what goes wrong.
  const app = Fastify({ logger: opts.logger ?? false, disableRequestLogging: true, bodyLimit: 1024 * 1024 });
  app.addContentTypeParser(STREAMED_TYPES, (_req, payload, done) => done(null, payload));
  registerErrorHandling(app);
  registerContentNegotiation(app);
  registerInputHygiene(app);
  registerAuth(app, deps);
  registerOpenApi(app, { serverUrl: deps.config.apiUrl });
  // Routes go in this plugin so the OpenAPI document (registered above) sees every one of them.
  app.register(async (api) => {
    healthRoutes(api, deps);
    authRoutes(api, deps);
    oauthRoutes(api, deps);
    accountRoutes(api, deps);
    keyRoutes(api, deps);
    userRoutes(api, deps);
    secretKeyRoutes(api, deps);
    appRoutes(api, deps);
    collaboratorRoutes(api, deps);
    addonRoutes(api, deps);
    backupRoutes(api, deps);
    sniEndpointRoutes(api, deps);
    configVarRoutes(api, deps);
    formationRoutes(api, deps);
    formationsRestartRoutes(api, deps);
    dynoRoutes(api, deps);
    domainRoutes(api, deps);
    releaseRoutes(api, deps);
    auditRoutes(api, deps);
    buildRoutes(api, deps);
    gitRoutes(api, deps);
    logSessionRoutes(api, deps);
    logDrainRoutes(api, deps);
    metricsRoutes(api, deps);
    eventRoutes(api, deps);
    hostRoutes(api, deps);
    runRoutes(api, deps);
    consoleRoutes(api);
  });
  return app;
}
