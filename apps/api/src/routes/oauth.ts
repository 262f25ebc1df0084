import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { listTokens, loginWithPassword, logout, UseCaseError, type Deps } from "@pier/use-cases";
import { Type } from "@sinclair/typebox";
import type { ApiToken } from "@pier/db";
import type { FastifyInstance } from "fastify";
import { actorOf, PASSWORD_ROUTE } from "../plugins/auth.js";
import { Nullable, Timestamp, withErrors } from "../schemas/common.js";

const AuthorizationSchema = Type.Object(
  {
    id: Type.String(),
    description: Type.String(),
    scope: Type.Array(Type.String()),
    created_at: Timestamp,
    updated_at: Timestamp,
    access_token: Nullable(Type.Object({ id: Type.String(), token: Type.String(), expires_in: Nullable(Type.Integer()) })),
    refresh_token: Type.Null(),
    client: Type.Null(),
    grant: Type.Null(),
    session: Type.Null(),
    user: Type.Object({ id: Type.String(), email: Type.String(), full_name: Nullable(Type.String()) }),
  },
  { title: "OAuthAuthorization", description: "Heroku's shape; `access_token.token` is a Pier API token, shown once: when it is made (null in listings)." },
);

const CreateAuthorizationBody = Type.Object(
  {
    description: Type.Optional(Type.String({ maxLength: 1000 })),
    expires_in: Type.Optional(Type.Integer({ minimum: 60, maximum: 315_360_000 })),
    scope: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 20 })),
  },
  { additionalProperties: true },
);

/** Email and password from `Authorization: Basic`, which `heroku login --interactive` sends. */
export function basicCredentials(header: string | undefined): { email: string; password: string } | undefined {
  const [scheme, value] = (header ?? "").split(" ", 2);
  if (scheme?.toLowerCase() !== "basic" || !value) return undefined;
  const decoded = Buffer.from(value, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon > 0 ? { email: decoded.slice(0, colon), password: decoded.slice(colon + 1) } : undefined;
}

const present = (row: ApiToken, token: string | null, user: { id: string; email: string; name: string | null }) => ({
  id: row.id,
  description: row.name,
  scope: ["global"],
  created_at: row.createdAt.toISOString(),
  updated_at: row.createdAt.toISOString(),
  access_token: token === null ? null : { id: row.id, token, expires_in: row.expiresAt ? Math.round((row.expiresAt.getTime() - Date.now()) / 1000) : null },
  refresh_token: null,
  client: null,
  grant: null,
  session: null,
  user: { id: user.id, email: user.email, full_name: user.name },
});

/**
 * Heroku's `POST /oauth/authorizations` with Basic email:password: how `heroku login -i` gets a
 * token. The same login as `/auth/login` (rate limited, audited), answered in Heroku's shape.
 */
export function oauthRoutes(app: FastifyInstance, deps: Pick<Deps, "prisma" | "redis" | "config">): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.post(
    PASSWORD_ROUTE.url,
    {
      schema: {
        tags: ["account"],
        summary: "Log in with email and password as Basic auth (Heroku's shape, for `heroku login -i`): a new API token",
        security: [],
        body: Type.Optional(CreateAuthorizationBody),
        response: withErrors({ 201: AuthorizationSchema }),
      },
    },
    async (req, reply) => {
      const credentials = basicCredentials(req.headers.authorization);
      if (!credentials) throw new UseCaseError("unauthorized", "Send your email and password as Basic auth (`heroku login -i` does).");
      const description = (req.body?.description ?? "heroku login").slice(0, 100) || "heroku login";
      const { user, row, token } = await loginWithPassword({ ...credentials, address: req.ip, tokenName: description, expiresIn: req.body?.expires_in }, deps);
      return reply.status(201).send(present(row, token, user));
    },
  );

  const userOf = (id: string) => deps.prisma.user.findUniqueOrThrow({ where: { id }, select: { id: true, email: true, name: true } });
  // `heroku logout` deletes the session `~` (the token it calls with) and looks through the
  // authorizations for its token; Pier stores tokens hashed, so the listing cannot show them and
  // revoking through the session is what logs out.
  r.get(
    "/oauth/authorizations",
    { schema: { tags: ["account"], summary: "Your API tokens in Heroku's OAuth authorization shape (tokens themselves are not shown)", response: withErrors({ 200: Type.Array(AuthorizationSchema) }) } },
    async (req) => {
      const actor = actorOf(req);
      const user = await userOf(actor.userId);
      return (await listTokens(actor, deps)).map((row) => present(row, null, user));
    },
  );
  r.get(
    "/oauth/authorizations/:authorization",
    {
      schema: {
        tags: ["account"],
        summary: "One of your API tokens in Heroku's OAuth authorization shape: `~` is the one this request came with",
        params: Type.Object({ authorization: Type.String({ maxLength: 100 }) }),
        response: withErrors({ 200: AuthorizationSchema }, 404),
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const id = req.params.authorization === "~" ? actor.tokenId : req.params.authorization;
      const row = (await listTokens(actor, deps)).find((t) => t.id === id);
      if (!row) throw new UseCaseError("not_found", "Couldn't find that authorization.");
      return present(row, null, await userOf(actor.userId));
    },
  );
  r.delete(
    "/oauth/sessions/:session",
    {
      schema: {
        tags: ["account"],
        summary: "Log out (Heroku's shape, for `heroku logout`): `~` revokes the token this request came with",
        params: Type.Object({ session: Type.String({ maxLength: 100 }) }),
        response: withErrors({ 200: Type.Object({ id: Type.String() }) }, 404),
      },
    },
    async (req) => {
      const actor = actorOf(req);
      if (req.params.session !== "~" || !actor.tokenId) throw new UseCaseError("not_found", "Only the current session (`~`) can be deleted: revoke other tokens with `pier tokens:revoke`.");
      await logout(actor, deps);
      return { id: actor.tokenId };
    },
  );
}
