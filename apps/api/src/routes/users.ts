import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { createUser, deleteUser, findUser, listApps, listUsers, setUserDisabled, setUserRole, type Deps } from "@pier/use-cases";
import type { FastifyInstance } from "fastify";
import { sendList } from "../pagination/send-list.js";
import { actorOf } from "../plugins/auth.js";
import { presentAccount } from "../presenters/account.js";
import { appViews } from "../presenters/app-views.js";
import { AccountSchema, CreateUserBody, DeleteUserQuery, UpdateUserBody } from "../schemas/account.js";
import { AppSchema } from "../schemas/app.js";
import { RangeHeaders, Ref, withErrors } from "../schemas/common.js";

const tags = ["users"];
const UserParams = Type.Object({ user: Ref("user id or email; `~` is you") });
const userFields = { email: (u: { email: string }) => u.email, id: (u: { id: string }) => u.id };

/** Users (admins manage them) and `/users/~/apps`, which Heroku clients list apps with. */
export function userRoutes(app: FastifyInstance, deps: Pick<Deps, "prisma" | "config">): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get("/users", { schema: { tags, summary: "All users (admin)", headers: RangeHeaders, response: withErrors({ 200: Type.Array(AccountSchema), 206: Type.Array(AccountSchema) }, 403) } }, async (req, reply) =>
    sendList(req, reply, await listUsers(actorOf(req), deps), { fields: userFields }, presentAccount),
  );

  r.post("/users", { schema: { tags, summary: "Create a user (admin)", body: CreateUserBody, response: withErrors({ 201: AccountSchema }, 403, 409, 422) } }, async (req, reply) => {
    const user = await createUser(req.body, actorOf(req), deps);
    return reply.status(201).send(presentAccount(user));
  });

  r.get("/users/:user", { schema: { tags, summary: "A user (yourself, or anyone for admins)", params: UserParams, response: withErrors({ 200: AccountSchema }, 404) } }, async (req) =>
    presentAccount(await findUser(req.params.user, actorOf(req), deps)),
  );

  r.patch(
    "/users/:user",
    { schema: { tags, summary: "Change a user's role or disable/enable them (admin); the last admin stays", params: UserParams, body: UpdateUserBody, response: withErrors({ 200: AccountSchema }, 403, 404, 409) } },
    async (req) => {
      const actor = actorOf(req);
      let user = await findUser(req.params.user, actor, deps);
      if (req.body.role !== undefined) user = await setUserRole({ user: user.id, role: req.body.role }, actor, deps);
      if (req.body.disabled !== undefined) user = await setUserDisabled({ user: user.id, disabled: req.body.disabled }, actor, deps);
      return presentAccount(user);
    },
  );

  r.delete(
    "/users/:user",
    {
      schema: {
        tags,
        summary: "Delete a user (admin); refused while they own apps unless `transfer_to` takes them over",
        params: UserParams,
        querystring: DeleteUserQuery,
        response: withErrors({ 200: AccountSchema }, 403, 404, 409, 422),
      },
    },
    async (req) => presentAccount((await deleteUser({ user: req.params.user, transferTo: req.query.transfer_to }, actorOf(req), deps)).user),
  );

  r.get(
    "/users/:user/apps",
    { schema: { tags: ["apps"], summary: "Apps a user owns or collaborates on", params: UserParams, headers: RangeHeaders, response: withErrors({ 200: Type.Array(AppSchema), 206: Type.Array(AppSchema) }, 404) } },
    async (req, reply) => {
      const actor = actorOf(req);
      const user = await findUser(req.params.user, actor, deps);
      const apps = await listApps({ userId: user.id, isAdmin: false }, deps);
      return sendList(req, reply, await appViews(apps, deps), { fields: { name: (a) => a.name, id: (a) => a.id } }, (a) => a);
    },
  );
}
