import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { addLogDrain, listLogDrains, removeLogDrain, type Deps } from "@pier/use-cases";
import type { FastifyInstance } from "fastify";
import { actorOf } from "../../plugins/auth.js";
import { AppParams, Nullable, Ref, Timestamp, withErrors } from "../../schemas/common.js";

const tags = ["log-drains"];

const LogDrainSchema = Type.Object(
  {
    id: Type.String(),
    url: Type.String({ description: "syslog://host:port, syslog+tls://host:port or https://…" }),
    token: Type.String({ description: "The syslog hostname and Logplex-Drain-Token the receiver sees" }),
    addon: Nullable(Type.Object({})),
    created_at: Timestamp,
    updated_at: Timestamp,
  },
  { title: "LogDrain" },
);

/** Heroku's log-drains API, as `heroku drains*` and `pier drains*` call it. */
export function logDrainRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get("/apps/:app/log-drains", { schema: { tags, summary: "The app's log drains", params: AppParams, response: withErrors({ 200: Type.Array(LogDrainSchema) }, 404) } }, async (req) =>
    listLogDrains({ app: req.params.app }, actorOf(req), deps),
  );

  r.post(
    "/apps/:app/log-drains",
    { schema: { tags, summary: "Send every line of the app's log to a syslog or HTTPS receiver", params: AppParams, body: Type.Object({ url: Type.String({ maxLength: 2000 }) }), response: withErrors({ 201: LogDrainSchema }, 404, 409, 422) } },
    async (req, reply) => reply.code(201).send(await addLogDrain({ app: req.params.app, url: req.body.url }, actorOf(req), deps)),
  );

  r.delete(
    "/apps/:app/log-drains/:drain",
    { schema: { tags, summary: "Remove a log drain (by id, token or URL)", params: Type.Object({ app: Ref("app name or id"), drain: Type.String({ maxLength: 2000 }) }), response: withErrors({ 200: LogDrainSchema }, 404) } },
    async (req) => removeLogDrain({ app: req.params.app, drain: req.params.drain }, actorOf(req), deps),
  );
}
