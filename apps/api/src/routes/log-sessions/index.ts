import { Type } from "@sinclair/typebox";
import { startLogSession, type Deps } from "@pier/use-cases";
import type { FastifyInstance } from "fastify";
import { requireActor } from "../../plugins/auth.js";
import { streamLogSession } from "./stream.js";

const Params = Type.Object({ app: Type.String({ maxLength: 100 }) });
const Body = Type.Object(
  {
    dyno: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
    source: Type.Optional(Type.Union([Type.String({ maxLength: 20 }), Type.Null()])),
    lines: Type.Optional(Type.Union([Type.Integer(), Type.String({ pattern: "^\\d{1,6}$" }), Type.Null()])),
    tail: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
  },
  { additionalProperties: true },
);
const SessionParams = Type.Object({ id: Type.String({ maxLength: 100 }) });

/**
 * Log sessions as Heroku's API has them: POST answers a `logplex_url` carrying its own
 * short-lived secret (the heroku CLI opens it with no Authorization header); GET on it streams
 * `text/event-stream`, recent lines first, then live lines when `tail` was asked for.
 */
export function logSessionRoutes(app: FastifyInstance, deps: Deps): void {
  app.post("/apps/:app/log-sessions", { schema: { params: Params, body: Type.Optional(Body) } }, async (req, reply) => {
    const actor = requireActor(req, reply);
    if (!actor) return reply;
    const body = (req.body ?? {}) as { dyno?: string | null; source?: string | null; lines?: number | string | null; tail?: boolean | null };
    const { id } = await startLogSession(
      { app: (req.params as { app: string }).app, dyno: body.dyno, source: body.source, lines: body.lines == null ? null : Number(body.lines), tail: body.tail },
      actor,
      deps,
    );
    const now = new Date().toISOString();
    return reply.status(201).send({ id, logplex_url: `${deps.config.apiUrl}/log-sessions/${id}`, created_at: now, updated_at: now });
  });

  app.get("/log-sessions/:id", { schema: { params: SessionParams } }, async (req, reply) => {
    await streamLogSession(req, reply, deps);
    return reply;
  });
}
