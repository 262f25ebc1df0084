import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { createToken, listTokens, revokeToken, updateAccount, type Deps } from "@pier/use-cases";
import type { FastifyInstance } from "fastify";
import { actorOf } from "../plugins/auth.js";
import { presentAccount, presentToken } from "../presenters/account.js";
import { sendList } from "../pagination/send-list.js";
import { AccountSchema, CreateTokenBody, NewTokenSchema, TokenSchema, UpdateAccountBody } from "../schemas/account.js";
import { RangeHeaders, Ref, withErrors } from "../schemas/common.js";

const tags = ["account"];

/** The caller's account and API tokens. */
export function accountRoutes(app: FastifyInstance, deps: Pick<Deps, "prisma">): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get("/account", { schema: { tags, summary: "Your account", response: withErrors({ 200: AccountSchema }) } }, async (req) => {
    const user = await deps.prisma.user.findUniqueOrThrow({ where: { id: actorOf(req).userId } });
    return presentAccount(user);
  });

  r.patch(
    "/account",
    { schema: { tags, summary: "Change your name or password (the current one is needed to change a set password)", body: UpdateAccountBody, response: withErrors({ 200: AccountSchema }, 403, 422) } },
    async (req) => {
      const { name, password, current_password } = req.body;
      return presentAccount(await updateAccount({ name, password, currentPassword: current_password }, actorOf(req), deps));
    },
  );

  r.get("/account/tokens", { schema: { tags, summary: "Your API tokens (never the tokens themselves)", headers: RangeHeaders, response: withErrors({ 200: Type.Array(TokenSchema), 206: Type.Array(TokenSchema) }) } }, async (req, reply) => {
    const actor = actorOf(req);
    const tokens = await listTokens(actor, deps);
    return sendList(req, reply, tokens, { fields: { created_at: (t) => t.createdAt.toISOString(), id: (t) => t.id, name: (t) => t.name } }, (t) => presentToken(t, actor.tokenId));
  });

  r.post(
    "/account/tokens",
    { schema: { tags, summary: "Make an API token; the answer is the only time it is shown", body: CreateTokenBody, response: withErrors({ 201: NewTokenSchema }, 422) } },
    async (req, reply) => {
      const { row, token } = await createToken({ name: req.body.name, expiresIn: req.body.expires_in }, actorOf(req), deps);
      return reply.status(201).send({ ...presentToken(row), token });
    },
  );

  r.delete(
    "/account/tokens/:token",
    { schema: { tags, summary: "Revoke an API token (by id, or by name when unique)", params: Type.Object({ token: Ref("token id or name") }), response: withErrors({ 200: TokenSchema }, 404, 409) } },
    async (req) => {
      const actor = actorOf(req);
      return presentToken(await revokeToken({ id: req.params.token }, actor, deps), actor.tokenId);
    },
  );
}
