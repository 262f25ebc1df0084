import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance } from "fastify";

/**
 * The OpenAPI 3 document is generated from the routes' own schemas (registered after this, so
 * Fastify's onRoute hook sees every one) and served at /openapi.json; /reference is a browsable
 * page whose assets ship inside the package (no CDN).
 */
export function registerOpenApi(app: FastifyInstance, opts: { serverUrl: string }): void {
  app.register(swagger, {
    openapi: {
      openapi: "3.0.3",
      info: {
        title: "Pier API",
        version: "3",
        description:
          "Everything Pier does goes through this API. Core resources follow Heroku's Platform API v3 " +
          "(send `Accept: application/vnd.heroku+json; version=3`). Errors are `{id, message}`. Lists " +
          "paginate with `Range` / `Next-Range` (206 when cut).",
      },
      servers: [{ url: opts.serverUrl }],
      components: { securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "An API token (`pier login`, `pier tokens:create`)." } } },
      security: [{ bearer: [] }],
    },
  });
  app.register(swaggerUi, { routePrefix: "/reference", staticCSP: true, uiConfig: { deepLinking: true } });
  app.register(async (scope) => {
    scope.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());
  });
}
