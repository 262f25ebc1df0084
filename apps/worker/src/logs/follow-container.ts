import type { Readable } from "node:stream";
import type Docker from "dockerode";
import {
  cleanMessage,
  createDockerLogDecoder,
  dockerSinceParam,
  dockerTimestampIso,
  formatLogText,
  resumeGate,
  type LogCursor,
  type LogRetention,
} from "@pier/log-core";
import { appendContainerLines } from "@pier/log-store";
import type { Redis } from "ioredis";

export interface FollowedContainer {
  id: string;
  app: string;
  /** `web.1` */
  dyno: string;
}

export interface FollowOptions {
  docker: Docker;
  redis: Redis;
  installationId: string;
  retention: LogRetention;
  /** Told how many lines each stored batch held (for /metrics). */
  onStored?: (lines: number) => void;
  container: FollowedContainer;
  /** Where the stored log ends (undefined: nothing stored yet). */
  cursor: LogCursor | undefined;
  signal: AbortSignal;
}

/** Lines waiting while a write is in flight; past this, reading Docker pauses until it lands. */
const HIGH_WATER = 20_000;

/**
 * Follows one container's stdout/stderr from its cursor until the container stops (or the
 * signal aborts), storing lines with the cursor after each batch. While one batch is being
 * written the next one gathers, so Redis round trips batch themselves under load. Returns the
 * final cursor; a failed write ends the follow with the error, and the unstored lines are read
 * again from Docker next time.
 */
export async function followContainer(o: FollowOptions): Promise<LogCursor | undefined> {
  const { app, dyno, id } = o.container;
  let cursor = o.cursor;
  // The cursor after the last gathered line, kept as two values (this runs for every line).
  let lastTimestamp = cursor?.timestamp ?? "";
  let lastCount = cursor?.count ?? 0;
  let lastIso = "";
  let batch: string[] = [];
  let inflight: Promise<void> | undefined;
  let failure: Error | undefined;
  const gate = resumeGate(cursor);
  const decoder = createDockerLogDecoder((m) => {
    if (!gate(m.timestamp)) return;
    if (m.timestamp === lastTimestamp) lastCount += 1;
    else {
      lastTimestamp = m.timestamp;
      lastCount = 1;
      lastIso = dockerTimestampIso(m.timestamp);
    }
    batch.push(formatLogText(lastIso, "app", dyno, cleanMessage(m.text)));
  });

  const stream = (await o.docker.getContainer(id).logs({
    follow: true,
    stdout: true,
    stderr: true,
    timestamps: true,
    since: cursor === undefined ? 0 : (dockerSinceParam(cursor.timestamp) as unknown as number),
  })) as unknown as Readable;
  const abort = () => stream.destroy();
  o.signal.addEventListener("abort", abort);

  const kick = () => {
    if (inflight !== undefined || batch.length === 0 || failure !== undefined) return;
    const lines = batch;
    const at: LogCursor = { timestamp: lastTimestamp, count: lastCount };
    cursor = at;
    batch = [];
    inflight = appendContainerLines(o.redis, { installationId: o.installationId, containerId: id, app, lines, cursor: at }, o.retention).then(
      () => {
        inflight = undefined;
        o.onStored?.(lines.length);
        kick();
      },
      (err: Error) => {
        inflight = undefined;
        failure = err;
        stream.destroy();
      },
    );
  };

  try {
    for await (const chunk of stream) {
      decoder.push(chunk as Buffer);
      kick();
      if (batch.length > HIGH_WATER && inflight !== undefined) await inflight;
    }
  } catch (err) {
    // Destroyed by abort or by a failed write: those are reported below; anything else is Docker's.
    if (failure === undefined && !o.signal.aborted) throw err;
  } finally {
    o.signal.removeEventListener("abort", abort);
  }
  while ((inflight !== undefined || batch.length > 0) && failure === undefined) {
    kick();
    await inflight;
  }
  if (failure !== undefined) throw failure;
  return cursor;
}
