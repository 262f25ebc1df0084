import { randomUUID } from "node:crypto";
import { formatSseEvent, SSE_HEARTBEAT, type LogFilter } from "@pier/log-core";
import { followLogs, forgetLogReader, readRecentLogs, type StoredLogLine } from "@pier/log-store";
import { createRedis } from "@pier/queue";
import { findLogSession, type Deps } from "@pier/use-cases";
import type { FastifyReply, FastifyRequest } from "fastify";

/** Lines per SSE event: big enough to batch under load, small enough to reach the client at once. */
const EVENT_LINES = 1000;
const HEARTBEAT_MS = 15_000;
const STREAM_ID = /^\d{1,15}-\d{1,10}$/;

/**
 * Streams one log session: recent lines (unless the client resumes with Last-Event-ID), then,
 * for tail sessions, new lines as they arrive. Each event's id is the stream id of its last
 * line, so a reconnecting EventSource continues where it stopped.
 */
export async function streamLogSession(req: FastifyRequest, reply: FastifyReply, deps: Deps): Promise<void> {
  const spec = await findLogSession((req.params as { id: string }).id, deps);
  const filter: LogFilter = { ...(spec.dyno ? { dyno: spec.dyno } : {}), ...(spec.source ? { source: spec.source as LogFilter["source"] } : {}) };
  const resumeFrom = String(req.headers["last-event-id"] ?? "");
  const history = STREAM_ID.test(resumeFrom)
    ? { lines: [] as StoredLogLine[], lastId: resumeFrom }
    : await readRecentLogs(deps.redis, spec.app, { count: spec.lines, filter });

  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    "Content-Type": "text/event-stream; charset=utf-8",
    "Cache-Control": "no-cache",
    "X-Accel-Buffering": "no",
  });
  if (history.lines.length > 0) res.write(eventsFor(history.lastId, history.lines));
  if (!spec.tail) {
    res.end();
    return;
  }
  res.write(SSE_HEARTBEAT);

  // XREAD BLOCK holds its connection: one per tailing client, dropped when the client goes.
  const redis = createRedis(deps.config.redisUrl, { blocking: true });
  // While this client keeps reading, appends keep the lines it has yet to read (see followLogs).
  const readerId = randomUUID();
  let closed = false;
  res.on("close", () => {
    closed = true;
    redis.disconnect();
    forgetLogReader(deps.redis, spec.app, readerId).catch((err: Error) => req.log.warn({ err }, "could not forget a log reader (its lease lapses in a minute)"));
  });
  try {
    for await (const batch of followLogs(redis, spec.app, { afterId: history.lastId, filter, blockMs: HEARTBEAT_MS, readerId })) {
      if (closed) break;
      // Heroku's logplex says L10 when a reader loses lines; so does Pier, with the count.
      const lines = batch.dropped > 0 ? [droppedNotice(batch.dropped), ...batch.lines] : batch.lines;
      const ok = res.write(lines.length > 0 ? eventsFor(batch.lastId, lines) : SSE_HEARTBEAT);
      // A slow client: wait for it rather than buffer without bound.
      if (!ok) await new Promise((resolve) => res.once("drain", resolve).once("close", resolve));
    }
  } catch (err) {
    if (!closed) {
      req.log.error({ err }, "log session stream failed");
      res.end();
    }
  } finally {
    redis.disconnect();
  }
}

function droppedNotice(count: number): StoredLogLine {
  const text = `${new Date().toISOString()} pier[logs]: Error L10 (output buffer overflow): ${count} lines were dropped before this reader got to them`;
  return { id: "", text, source: "pier", dyno: "logs" };
}

/** Events of at most EVENT_LINES lines; the last carries `lastId` (which may be past a filtered-out line). */
function eventsFor(lastId: string, lines: StoredLogLine[]): string {
  let out = "";
  for (let i = 0; i < lines.length; i += EVENT_LINES) {
    const part = lines.slice(i, i + EVENT_LINES);
    out += formatSseEvent(i + EVENT_LINES >= lines.length ? lastId : part[part.length - 1]!.id, part.map((l) => l.text));
  }
  return out;
}
