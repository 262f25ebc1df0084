import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import type { SshKey } from "@pier/db";
import { addSshKey, listSshKeys, removeSshKey, type Deps } from "@pier/use-cases";
import type { FastifyInstance } from "fastify";
import { actorOf } from "../plugins/auth.js";
import { Ref, Timestamp, withErrors } from "../schemas/common.js";

const tags = ["keys"];

/** Heroku's (deprecated but still served) account key shape. */
const KeySchema = Type.Object(
  { id: Type.String(), fingerprint: Type.String(), comment: Type.String(), public_key: Type.String(), email: Type.String(), created_at: Timestamp, updated_at: Timestamp },
  { title: "SshKey", additionalProperties: true },
);
const present = (k: SshKey, email: string) => ({
  id: k.id, fingerprint: k.fingerprint, comment: k.comment, public_key: k.publicKey, email,
  created_at: k.createdAt.toISOString(), updated_at: (k.lastUsedAt ?? k.createdAt).toISOString(),
});

/** SSH public keys allowed to `git push` over SSH as the caller. */
export function keyRoutes(app: FastifyInstance, deps: Pick<Deps, "prisma">): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const email = async (userId: string) => (await deps.prisma.user.findUniqueOrThrow({ where: { id: userId } })).email;

  r.get("/account/keys", { schema: { tags, summary: "Your SSH keys", response: withErrors({ 200: Type.Array(KeySchema) }) } }, async (req) => {
    const actor = actorOf(req);
    const [keys, mail] = await Promise.all([listSshKeys(actor, deps), email(actor.userId)]);
    return keys.map((k) => present(k, mail));
  });

  r.post(
    "/account/keys",
    { schema: { tags, summary: "Add an SSH public key", body: Type.Object({ public_key: Type.String({ minLength: 1, maxLength: 16384 }) }), response: withErrors({ 201: KeySchema }, 409, 422) } },
    async (req, reply) => {
      const actor = actorOf(req);
      const key = await addSshKey({ publicKey: req.body.public_key }, actor, deps);
      return reply.status(201).send(present(key, await email(actor.userId)));
    },
  );

  r.delete(
    "/account/keys/:key",
    { schema: { tags, summary: "Remove an SSH key (by id, fingerprint or comment)", params: Type.Object({ key: Ref("key id, fingerprint or comment") }), response: withErrors({ 200: KeySchema }, 404, 422) } },
    async (req) => {
      const actor = actorOf(req);
      return present(await removeSshKey({ key: req.params.key }, actor, deps), await email(actor.userId));
    },
  );
}
