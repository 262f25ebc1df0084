import type { Deps } from "@pier/use-cases";
import type { FastifyInstance } from "fastify";
import { requireActor } from "../plugins/auth.js";

export function accountRoutes(app: FastifyInstance, deps: Pick<Deps, "prisma">): void {
  app.get("/account", async (req, reply) => {
    const actor = requireActor(req, reply);
    if (!actor) return reply;
    const user = await deps.prisma.user.findUniqueOrThrow({ where: { id: actor.userId } });
    return { id: user.id, email: user.email, name: user.name, created_at: user.createdAt.toISOString(), admin: user.isAdmin };
  });
}
