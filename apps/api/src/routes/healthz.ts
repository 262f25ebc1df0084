import type { Deps } from "@pier/use-cases";
import type { FastifyInstance } from "fastify";

/** 200 once the API can serve requests: its database and Redis answer. */
export function healthRoutes(app: FastifyInstance, deps: Pick<Deps, "prisma" | "redis">): void {
  app.get("/healthz", async (_req, reply) => {
    try {
      await deps.prisma.$queryRaw`SELECT 1`;
      await deps.redis.ping();
      return { status: "ok" };
    } catch (err) {
      return reply.status(503).send({ id: "unavailable", message: `Not ready: ${(err as Error).message}` });
    }
  });
}
