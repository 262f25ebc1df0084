import { authenticate, type Actor, type Deps } from "@pier/use-cases";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

declare module "fastify" {
  interface FastifyRequest {
    actor?: Actor;
  }
}

/**
 * A token arrives as `Authorization: Bearer <token>` (API, CLI) or as the password of Basic auth
 * (git, which sends any user name). Routes that need a caller use `requireActor`.
 */
export function tokenFrom(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const [scheme, value] = header.split(" ", 2);
  if (!value) return undefined;
  if (scheme!.toLowerCase() === "bearer") return value.trim();
  if (scheme!.toLowerCase() === "basic") {
    const decoded = Buffer.from(value, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    return colon >= 0 ? decoded.slice(colon + 1) : undefined;
  }
  return undefined;
}

export function registerAuth(app: FastifyInstance, deps: Pick<Deps, "prisma">): void {
  app.decorateRequest("actor", undefined);
  app.addHook("onRequest", async (req) => {
    const token = tokenFrom(req.headers.authorization);
    if (token) req.actor = await authenticate(token, deps);
  });
}

export function requireActor(req: FastifyRequest, reply: FastifyReply): Actor | undefined {
  if (req.actor) return req.actor;
  reply
    .status(401)
    .header("WWW-Authenticate", 'Basic realm="Pier", charset="UTF-8"')
    .send({ id: "unauthorized", message: "Invalid credentials provided: log in with `pier login` or set PIER_API_KEY." });
  return undefined;
}
