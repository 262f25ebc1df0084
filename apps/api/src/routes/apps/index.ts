import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { createApp, destroyApp, getApp, listApps, renameApp, type Deps } from "@pier/use-cases";
import type { FastifyInstance } from "fastify";
import { sendList } from "../../pagination/send-list.js";
import { actorOf } from "../../plugins/auth.js";
import { appView, appViews } from "../../presenters/app-views.js";
import { AppSchema, CreateAppBody, UpdateAppBody } from "../../schemas/app.js";
import { AppParams, RangeHeaders, withErrors } from "../../schemas/common.js";

const tags = ["apps"];

export function appRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get("/apps", { schema: { tags, summary: "Apps you own or collaborate on (all apps for admins)", headers: RangeHeaders, response: withErrors({ 200: Type.Array(AppSchema), 206: Type.Array(AppSchema) }) } }, async (req, reply) => {
    const apps = await listApps(actorOf(req), deps);
    return sendList(req, reply, await appViews(apps, deps), { fields: { name: (a) => a.name, id: (a) => a.id, created_at: (a) => a.created_at } }, (a) => a);
  });

  r.post("/apps", { schema: { tags, summary: "Create an app (region and stack are accepted and ignored)", body: CreateAppBody, response: withErrors({ 201: AppSchema }, 409, 422) } }, async (req, reply) => {
    const created = await createApp({ name: req.body.name }, actorOf(req), deps);
    return reply.status(201).send(await appView(created, deps));
  });

  r.get("/apps/:app", { schema: { tags, summary: "An app", params: AppParams, response: withErrors({ 200: AppSchema }, 404) } }, async (req) =>
    appView(await getApp({ name: req.params.app }, actorOf(req), deps), deps),
  );

  r.patch(
    "/apps/:app",
    { schema: { tags, summary: "Rename an app (owner or admin)", params: AppParams, body: UpdateAppBody, response: withErrors({ 200: AppSchema }, 403, 404, 409, 422) } },
    async (req) => {
      const actor = actorOf(req);
      const target = req.body.name === undefined ? await getApp({ name: req.params.app }, actor, deps) : await renameApp({ name: req.params.app, newName: req.body.name }, actor, deps);
      return appView(target, deps);
    },
  );

  r.delete("/apps/:app", { schema: { tags, summary: "Destroy an app (owner or admin)", params: AppParams, response: withErrors({ 200: AppSchema }, 403, 404) } }, async (req) =>
    appView(await destroyApp({ name: req.params.app }, actorOf(req), deps), deps),
  );
}
