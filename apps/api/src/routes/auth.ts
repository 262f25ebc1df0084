import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { loginWithPassword, logout, type Deps } from "@pier/use-cases";
import type { FastifyInstance } from "fastify";
import { actorOf } from "../plugins/auth.js";
import { presentToken } from "../presenters/account.js";
import { LoginBody, LoginResult } from "../schemas/account.js";
import { withErrors } from "../schemas/common.js";

const tags = ["account"];

/** Email + password in, API token out (rate limited per account and per address); logout revokes it. */
export function authRoutes(app: FastifyInstance, deps: Pick<Deps, "prisma" | "redis" | "config">): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.post(
    "/auth/login",
    { schema: { tags, summary: "Log in with email and password: returns a new API token (shown once)", security: [], body: LoginBody, response: withErrors({ 201: LoginResult }) } },
    async (req, reply) => {
      const { user, row, token } = await loginWithPassword(
        { email: req.body.email, password: req.body.password, address: req.ip, tokenName: req.body.token_name, expiresIn: req.body.expires_in },
        deps,
      );
      return reply.status(201).send({ ...presentToken(row), token, user: { id: user.id, email: user.email } });
    },
  );

  r.post("/auth/logout", { schema: { tags, summary: "Revoke the token this request came with", response: withErrors({ 204: Type.Null() }, 404) } }, async (req, reply) => {
    await logout(actorOf(req), deps);
    return reply.status(204).send();
  });
}
