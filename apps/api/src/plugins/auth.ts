import { authenticate, BAD_TOKEN_PER_ADDRESS, countAttempt, UseCaseError, type Actor, type Deps } from "@pier/use-cases";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

declare module "fastify" {
  interface FastifyRequest {
    actor?: Actor;
  }
}

export const UNAUTHORIZED_MESSAGE = "Invalid credentials provided: log in with `pier login` or set PIER_API_KEY.";

/**
 * A token arrives as `Authorization: Bearer <token>` (API, CLI) or as the password of Basic auth
 * (git, which sends any user name). Routes that need a caller use `actorOf`.
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

/** Heroku's login route (routes/oauth.ts): its Basic password is a password, not a token to check. */
export const PASSWORD_ROUTE = { method: "POST", url: "/oauth/authorizations" } as const;

/** Failed token checks count against the client's address, so tokens cannot be guessed at speed. */
export function registerAuth(app: FastifyInstance, deps: Pick<Deps, "prisma" | "redis" | "config">): void {
  app.decorateRequest("actor", undefined);
  app.addHook("onRequest", async (req) => {
    // Heroku's login route takes a password as Basic auth: it is not a token to check (or count).
    if (req.method === PASSWORD_ROUTE.method && req.routeOptions.url === PASSWORD_ROUTE.url) return;
    const token = tokenFrom(req.headers.authorization);
    if (!token) return;
    req.actor = await authenticate(token, deps);
    if (!req.actor) await countAttempt(BAD_TOKEN_PER_ADDRESS, req.ip, deps);
  });
}

/** The caller, or a 401 (through the error handler) when there is none. */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new UseCaseError("unauthorized", UNAUTHORIZED_MESSAGE);
  return req.actor;
}

/** For routes that answer themselves (git): sends the 401 and returns undefined. */
export function requireActor(req: FastifyRequest, reply: FastifyReply): Actor | undefined {
  if (req.actor) return req.actor;
  reply.status(401).header("WWW-Authenticate", 'Basic realm="Pier", charset="UTF-8"').send({ id: "unauthorized", message: UNAUTHORIZED_MESSAGE });
  return undefined;
}
