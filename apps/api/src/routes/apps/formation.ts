import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { findAccessibleApp, listFormation, updateFormation, type Deps } from "@pier/use-cases";
import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { actorOf } from "../../plugins/auth.js";
import { presentFormation } from "../../presenters/formation.js";
import { AppParams, withErrors } from "../../schemas/common.js";
import { FormationBatchBody, FormationParams, FormationSchema, FormationUpdateBody } from "../../schemas/formation.js";

const tags = ["formation"];
const List = Type.Array(FormationSchema);

/** Heroku's formation: how many instances of each process type, and their size. The reconciler converges. */
export function formationRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get("/apps/:app/formation", { schema: { tags, summary: "An app's formation", params: AppParams, response: withErrors({ 200: List }, 404) } }, async (req) => {
    const target = await findAccessibleApp(req.params.app, actorOf(req), deps);
    return (await listFormation({ app: target.id }, actorOf(req), deps)).map((f) => presentFormation(f, target));
  });

  r.patch(
    "/apps/:app/formation",
    { schema: { tags, summary: "Scale or resize several process types (`updates`; quantity may be relative, \"+1\")", params: AppParams, body: FormationBatchBody, response: withErrors({ 200: List }, 404, 422) } },
    async (req) => {
      const target = await findAccessibleApp(req.params.app, actorOf(req), deps);
      const rows = await updateFormation({ app: target.id, updates: req.body.updates }, actorOf(req), deps);
      const changed = new Set(req.body.updates.map((u) => u.type));
      return rows.filter((f) => changed.has(f.type)).map((f) => presentFormation(f, target));
    },
  );

  r.get("/apps/:app/formation/:type", { schema: { tags, summary: "One process type's formation", params: FormationParams, response: withErrors({ 200: FormationSchema }, 404) } }, async (req, reply) => {
    const target = await findAccessibleApp(req.params.app, actorOf(req), deps);
    const row = (await listFormation({ app: target.id }, actorOf(req), deps)).find((f) => f.type === req.params.type);
    if (!row) return reply.status(404).send({ id: "not_found", message: `Couldn't find that formation (no ${req.params.type} process type).` });
    return presentFormation(row, target);
  });

  r.patch(
    "/apps/:app/formation/:type",
    { schema: { tags, summary: "Scale or resize one process type", params: FormationParams, body: FormationUpdateBody, response: withErrors({ 200: FormationSchema }, 404, 422) } },
    async (req) => {
      const target = await findAccessibleApp(req.params.app, actorOf(req), deps);
      const rows = await updateFormation({ app: target.id, updates: [{ type: req.params.type, ...req.body }] }, actorOf(req), deps);
      return presentFormation(rows.find((f) => f.type === req.params.type)!, target);
    },
  );
}
