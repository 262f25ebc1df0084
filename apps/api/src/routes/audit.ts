import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { getApp, listAudit, type Deps } from "@pier/use-cases";
import type { FastifyInstance } from "fastify";
import { sendList } from "../pagination/send-list.js";
import { actorOf } from "../plugins/auth.js";
import { presentAuditEvent } from "../presenters/collaborator.js";
import { AuditEventSchema } from "../schemas/collaborator.js";
import { RangeHeaders, withErrors } from "../schemas/common.js";

/** Who changed what: admins see everything, others their own actions and their apps' events. */
export function auditRoutes(app: FastifyInstance, deps: Pick<Deps, "prisma">): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    "/audit",
    {
      schema: {
        tags: ["audit"],
        summary: "The audit log, newest first",
        querystring: Type.Object({ app: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) }),
        headers: RangeHeaders,
        response: withErrors({ 200: Type.Array(AuditEventSchema), 206: Type.Array(AuditEventSchema) }, 404),
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const appId = req.query.app ? (await getApp({ name: req.query.app }, actor, deps)).id : undefined;
      const events = await listAudit({ appId }, actor, deps);
      return sendList(req, reply, events, { fields: { created_at: (e) => e.createdAt.toISOString(), id: (e) => e.id }, defaultOrder: "desc" }, presentAuditEvent);
    },
  );
}
