import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { findAccessibleApp, UseCaseError, type Deps } from "@pier/use-cases";
import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { actorOf } from "../../plugins/auth.js";
import { AppParams, withErrors } from "../../schemas/common.js";
import { EVENT_KINDS } from "./diff.js";
import { createEventSession, EVENT_SESSION_TTL_SECONDS, readEventSession } from "./sessions.js";
import { createAppWatch, DEFAULT_TIMING, streamAppEvents, type StreamTiming } from "./stream.js";

const tags = ["events"];
const EventSessionSchema = Type.Object({
  id: Type.String(),
  url: Type.String({ description: "Open with EventSource (or any SSE client): no Authorization header needed" }),
  expires_in: Type.Integer({ description: "Seconds an unused session lives; each connect extends it" }),
  kinds: Type.Array(Type.String(), { description: "Event names the stream sends besides `ready` and `gone`" }),
});
const SessionParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });

/**
 * Live changes of an app as server-sent events, opened in two steps like Heroku's log sessions:
 * POST (authenticated) answers a URL carrying its own secret; GET on it streams `build`,
 * `release`, `instance`, `domain`, `formation` and `activity` events as they happen.
 */
export function eventRoutes(app: FastifyInstance, deps: Deps, timing: StreamTiming = DEFAULT_TIMING): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const watch = createAppWatch(deps, timing, (message) => app.log.warn(message));

  r.post(
    "/apps/:app/event-sessions",
    { schema: { tags, summary: "Open a stream of the app's changes (builds, releases, instances, domains)", params: AppParams, response: withErrors({ 201: EventSessionSchema }, 404) } },
    async (req, reply) => {
      const actor = actorOf(req);
      const target = await findAccessibleApp(req.params.app, actor, deps);
      const id = await createEventSession(deps.redis, { appId: target.id, userId: actor.userId });
      return reply.status(201).send({ id, url: `${deps.config.apiUrl}/event-sessions/${id}`, expires_in: EVENT_SESSION_TTL_SECONDS, kinds: [...EVENT_KINDS] });
    },
  );

  r.get(
    "/event-sessions/:id",
    { schema: { tags, summary: "The stream of an event session (text/event-stream)", params: SessionParams, response: withErrors({}, 404) } },
    async (req, reply) => {
      const session = await readEventSession(deps.redis, req.params.id);
      const gone = new UseCaseError("not_found", "This event session has expired or never existed: open a new one with POST /apps/{app}/event-sessions.");
      if (!session) throw gone;
      // Access may have been withdrawn (collaborator removed, user deleted) since the session opened.
      const user = await deps.prisma.user.findUnique({ where: { id: session.userId }, select: { id: true, isAdmin: true } });
      if (!user) throw gone;
      const target = await findAccessibleApp(session.appId, { userId: user.id, isAdmin: user.isAdmin }, deps).catch(() => {
        throw gone;
      });
      reply.hijack();
      await streamAppEvents(reply.raw, target.id, watch, timing);
      return reply;
    },
  );
}
