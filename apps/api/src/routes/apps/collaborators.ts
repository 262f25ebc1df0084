import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { addCollaborator, getApp, listCollaborators, removeCollaborator, type Deps } from "@pier/use-cases";
import type { FastifyInstance } from "fastify";
import { sendList } from "../../pagination/send-list.js";
import { actorOf } from "../../plugins/auth.js";
import { presentCollaborator } from "../../presenters/collaborator.js";
import { AppParams, RangeHeaders, Ref, withErrors } from "../../schemas/common.js";
import { AddCollaboratorBody, CollaboratorSchema } from "../../schemas/collaborator.js";

const tags = ["collaborators"];

/** Who besides the owner may operate an app; only the owner and admins change it. */
export function collaboratorRoutes(app: FastifyInstance, deps: Pick<Deps, "prisma">): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    "/apps/:app/collaborators",
    { schema: { tags, summary: "An app's collaborators", params: AppParams, headers: RangeHeaders, response: withErrors({ 200: Type.Array(CollaboratorSchema), 206: Type.Array(CollaboratorSchema) }, 404) } },
    async (req, reply) => {
      const actor = actorOf(req);
      const target = await getApp({ name: req.params.app }, actor, deps);
      const rows = await listCollaborators({ app: target.id }, actor, deps);
      return sendList(req, reply, rows, { fields: { email: (c) => c.user.email, id: (c) => c.id } }, (c) => presentCollaborator(c, target));
    },
  );

  r.post(
    "/apps/:app/collaborators",
    { schema: { tags, summary: "Add a collaborator (owner or admin)", params: AppParams, body: AddCollaboratorBody, response: withErrors({ 201: CollaboratorSchema }, 403, 404, 409, 422) } },
    async (req, reply) => {
      const actor = actorOf(req);
      const target = await getApp({ name: req.params.app }, actor, deps);
      const row = await addCollaborator({ app: target.id, user: req.body.user }, actor, deps);
      return reply.status(201).send(presentCollaborator(row, target));
    },
  );

  r.delete(
    "/apps/:app/collaborators/:collaborator",
    { schema: { tags, summary: "Remove a collaborator (owner or admin)", params: Type.Object({ app: AppParams.properties.app, collaborator: Ref("email or collaborator id") }), response: withErrors({ 200: CollaboratorSchema }, 403, 404) } },
    async (req) => {
      const actor = actorOf(req);
      const target = await getApp({ name: req.params.app }, actor, deps);
      return presentCollaborator(await removeCollaborator({ app: target.id, collaborator: req.params.collaborator }, actor, deps), target);
    },
  );
}
