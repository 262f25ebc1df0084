import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { connectDocker } from "@pier/docker";
import {
  addonInfo, attachAddon, createAddon, destroyAddon, installationId, listAddons, listAttachments, restoreAddon, rotateAddonCredentials, type AddonDeps,
} from "@pier/use-cases";
import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { actorOf } from "../../plugins/auth.js";
import type { ApiDeps } from "../../server.js";
import { AppParams, withErrors } from "../../schemas/common.js";
import { AddonInfoSchema, AddonParams, AddonSchema, AttachBody, AttachmentSchema, ConfirmQuery, CreateBody, kindAndPlan } from "./schema.js";

const tags = ["addons"];

/**
 * Database add-ons (Heroku's addons + addon-attachments shapes). The API drives the local Docker
 * engine itself: creating an add-on answers once the server accepts connections (or has failed).
 */
export function addonRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  // Both made on first use, so servers that never touch add-ons (tests) need no engine.
  let engine: Promise<AddonDeps> | undefined;
  const addonDeps = () => (engine ??= installationId(deps).then((id) => ({ ...deps, docker: connectDocker(`unix://${deps.config.dockerSocket}`), installationId: id })));

  r.get("/apps/:app/addons", { schema: { tags, summary: "An app's add-ons: its own (destroyed ones until purged) and those attached to it", params: AppParams, response: withErrors({ 200: Type.Array(AddonSchema) }, 404) } }, async (req) =>
    listAddons({ app: req.params.app }, actorOf(req), deps),
  );

  r.post(
    "/apps/:app/addons",
    { schema: { tags, summary: "Provision a database (postgres, redis, mysql); answers once it accepts connections; sets <ATTACHMENT>_URL (a new release)", params: AppParams, body: CreateBody, response: withErrors({ 201: AddonSchema }, 404, 409, 422, 503) } },
    async (req, reply) => {
      const created = await createAddon({ app: req.params.app, ...kindAndPlan(req.body.plan), name: req.body.name, as: req.body.attachment?.name }, actorOf(req), await addonDeps());
      return reply.code(201).send(created);
    },
  );

  r.get("/apps/:app/addons/:addon", { schema: { tags, summary: "One add-on with what its server reports now: version, size, connections", params: AddonParams, response: withErrors({ 200: AddonInfoSchema }, 404) } }, async (req) => {
    const info = await addonInfo(req.params, actorOf(req), await addonDeps());
    const { sizeBytes, ...runtime } = info.runtime;
    return { ...info, runtime: { ...runtime, ...(sizeBytes !== undefined ? { size_bytes: sizeBytes } : {}) } };
  });

  r.delete(
    "/apps/:app/addons/:addon",
    { schema: { tags, summary: "Destroy an add-on (?confirm=<its name>): server stopped, config vars unset, data kept for the grace period", params: AddonParams, querystring: ConfirmQuery, response: withErrors({ 200: AddonSchema }, 404, 409, 422) } },
    async (req) => destroyAddon({ ...req.params, confirm: req.query.confirm }, actorOf(req), await addonDeps()),
  );

  r.post(
    "/apps/:app/addons/:addon/actions/restore",
    { schema: { tags, summary: "Bring a destroyed add-on back with its data (within the grace period)", params: AddonParams, response: withErrors({ 200: AddonSchema }, 404, 409, 503) } },
    async (req) => restoreAddon(req.params, actorOf(req), await addonDeps()),
  );

  r.post(
    "/apps/:app/addons/:addon/actions/rotate-credentials",
    { schema: { tags, summary: "New password: set in the server, then on every attached app (a release each)", params: AddonParams, response: withErrors({ 200: AddonSchema }, 404, 409, 503) } },
    async (req) => rotateAddonCredentials(req.params, actorOf(req), await addonDeps()),
  );

  r.get("/addon-attachments", { schema: { tags, summary: "Attachments of live add-ons on every app you can reach (heroku addons reads these)", response: withErrors({ 200: Type.Array(AttachmentSchema) }) } }, async (req) =>
    listAttachments({}, actorOf(req), deps),
  );
  r.get("/apps/:app/addon-attachments", { schema: { tags, summary: "The app's attachments: which add-on it gets as which config var", params: AppParams, response: withErrors({ 200: Type.Array(AttachmentSchema) }, 404) } }, async (req) =>
    listAttachments({ app: req.params.app }, actorOf(req), deps),
  );

  r.post(
    "/addon-attachments",
    { schema: { tags, summary: "Attach an add-on (by its unique name) to another app you can operate (body.app): it gets <NAME>_URL", body: AttachBody, response: withErrors({ 201: AddonSchema }, 404, 409, 422) } },
    async (req, reply) => reply.code(201).send(await attachAddon({ addon: req.body.addon, to: req.body.app, as: req.body.name }, actorOf(req), await addonDeps())),
  );
}
