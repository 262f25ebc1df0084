import { decodeCursor, encodeCursor, type LogCursor, type LogLine, type LogRetention } from "@pier/log-core";
import type { Redis } from "ioredis";
import { appendAppLines } from "./append.js";
import { logCursorsKey } from "./keys.js";

/** What the collector remembers per container: how far its log is stored, and whether its exit was reported. */
export interface ContainerLogState {
  cursor?: LogCursor;
  exitReported: boolean;
}

export async function readContainerLogStates(redis: Redis, installationId: string): Promise<Map<string, ContainerLogState>> {
  const raw = await redis.hgetall(logCursorsKey(installationId));
  const states = new Map<string, ContainerLogState>();
  for (const [field, value] of Object.entries(raw)) {
    const [id, kind] = field.split(":", 2) as [string, string | undefined];
    const state = states.get(id) ?? { exitReported: false };
    if (kind === "exit") state.exitReported = true;
    else state.cursor = decodeCursor(value);
    states.set(id, state);
  }
  return states;
}

/**
 * Stores a container's lines and its new cursor in one atomic step: after a crash either both
 * are stored or neither, so resuming from the cursor neither repeats nor skips a line.
 */
export async function appendContainerLines(
  redis: Redis,
  p: { installationId: string; containerId: string; app: string; lines: readonly (LogLine | string)[]; cursor?: LogCursor; exitReported?: boolean },
  retention: LogRetention,
): Promise<void> {
  await appendAppLines(redis, p.app, p.lines, retention, {
    hashKey: logCursorsKey(p.installationId),
    field: p.cursor ? p.containerId : "",
    value: p.cursor ? encodeCursor(p.cursor) : "",
    ...(p.exitReported ? { exitField: `${p.containerId}:exit` } : {}),
  });
}

/** Forgets containers that no longer exist (their logs went with them). */
export async function forgetContainers(redis: Redis, installationId: string, containerIds: string[]): Promise<void> {
  if (containerIds.length === 0) return;
  await redis.hdel(logCursorsKey(installationId), ...containerIds.flatMap((id) => [id, `${id}:exit`]));
}
