import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { addDomain, listDomains, removeDomain, updateRouting, type Deps } from "@pier/use-cases";
import type { FastifyInstance } from "fastify";
import { actorOf } from "../../plugins/auth.js";
import { AppParams, Nullable, Ref, Timestamp, withErrors } from "../../schemas/common.js";

const tags = ["domains"];

const DomainSchema = Type.Object({
  hostname: Type.String(),
  kind: Type.Union([Type.Literal("default"), Type.Literal("custom")]),
  cname: Nullable(Type.String({ description: "Point the hostname's DNS (CNAME) here" })),
  status: Type.String(),
  acm_status: Nullable(Type.String({ description: "pending, issued, failing or failed; null when Pier will not get a certificate for it" })),
  acm_status_reason: Nullable(Type.String()),
  created_at: Timestamp,
}, { title: "Domain" });

const RoutingSchema = Type.Object({ maintenance: Type.Boolean(), https_redirect: Type.Boolean() }, { title: "Routing" });

/** Heroku's domains API (what `heroku domains:*` sends) plus the app's routing switches. */
export function domainRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get("/apps/:app/domains", { schema: { tags, summary: "The hostnames an app answers on, with certificate status", params: AppParams, response: withErrors({ 200: Type.Array(DomainSchema) }, 404) } }, async (req) =>
    listDomains({ app: req.params.app }, actorOf(req), deps),
  );

  r.post(
    "/apps/:app/domains",
    { schema: { tags, summary: "Add a custom domain; a certificate is ordered for it", params: AppParams, body: Type.Object({ hostname: Type.String({ maxLength: 260 }), sni_endpoint: Type.Optional(Nullable(Type.String())) }), response: withErrors({ 201: DomainSchema }, 404, 409, 422) } },
    async (req, reply) => reply.code(201).send(await addDomain({ app: req.params.app, hostname: req.body.hostname }, actorOf(req), deps)),
  );

  r.delete(
    "/apps/:app/domains/:hostname",
    { schema: { tags, summary: "Remove a custom domain", params: Type.Object({ app: Ref("app name or id"), hostname: Type.String({ maxLength: 260 }) }), response: withErrors({ 200: DomainSchema }, 404) } },
    async (req) => removeDomain({ app: req.params.app, hostname: req.params.hostname }, actorOf(req), deps),
  );

  r.patch(
    "/apps/:app/routing",
    { schema: { tags, summary: "Maintenance mode (503 page for every request) and the HTTP to HTTPS redirect", params: AppParams, body: Type.Object({ maintenance: Type.Optional(Type.Boolean()), https_redirect: Type.Optional(Type.Boolean()) }, { additionalProperties: false }), response: withErrors({ 200: RoutingSchema }, 404, 422) } },
    async (req) => {
      const a = await updateRouting({ app: req.params.app, maintenance: req.body.maintenance, httpsRedirect: req.body.https_redirect }, actorOf(req), deps);
      return { maintenance: a.maintenance, https_redirect: a.httpsRedirect };
    },
  );
}
