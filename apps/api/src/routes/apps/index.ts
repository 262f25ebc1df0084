import { Type } from "@sinclair/typebox";
import { createApp, destroyApp, getApp, listApps, type Deps } from "@pier/use-cases";
import type { FastifyInstance } from "fastify";
import { requireActor } from "../../plugins/auth.js";
import { presentApp } from "../../presenters/app.js";

const AppParams = Type.Object({ app: Type.String({ maxLength: 100 }) });
const CreateBody = Type.Object({ name: Type.String({ maxLength: 100 }) }, { additionalProperties: true });

export function appRoutes(app: FastifyInstance, deps: Deps): void {
  app.get("/apps", async (req, reply) => {
    const actor = requireActor(req, reply);
    if (!actor) return reply;
    return (await listApps(actor, deps)).map((a) => presentApp(a, deps.config));
  });

  app.post("/apps", { schema: { body: CreateBody } }, async (req, reply) => {
    const actor = requireActor(req, reply);
    if (!actor) return reply;
    const created = await createApp({ name: (req.body as { name: string }).name }, actor, deps);
    return reply.status(201).send(presentApp(created, deps.config));
  });

  app.get("/apps/:app", { schema: { params: AppParams } }, async (req, reply) => {
    const actor = requireActor(req, reply);
    if (!actor) return reply;
    return presentApp(await getApp({ name: (req.params as { app: string }).app }, actor, deps), deps.config);
  });

  app.delete("/apps/:app", { schema: { params: AppParams } }, async (req, reply) => {
    const actor = requireActor(req, reply);
    if (!actor) return reply;
    return presentApp(await destroyApp({ name: (req.params as { app: string }).app }, actor, deps), deps.config);
  });
}
