import { decodeCursor, encodeCursor, type LogCursor, type LogRetention } from "@pier/log-core";
import type { Redis } from "ioredis";
import { queueAppend, type AppLogLine } from "./append.js";
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
 * Stores a container's lines and its new cursor in one transaction: after a crash either both
 * are stored or neither, so resuming from the cursor neither repeats nor skips a line.
 */
export async function appendContainerLines(
  redis: Redis,
  p: { installationId: string; containerId: string; lines: AppLogLine[]; cursor?: LogCursor; exitReported?: boolean },
  retention: LogRetention,
): Promise<void> {
  const tx = redis.multi();
  queueAppend(tx, p.lines, retention);
  if (p.cursor) tx.hset(logCursorsKey(p.installationId), p.containerId, encodeCursor(p.cursor));
  if (p.exitReported) tx.hset(logCursorsKey(p.installationId), `${p.containerId}:exit`, "1");
  const results = await tx.exec();
  if (results === null) throw new Error("could not store log lines: the transaction was aborted");
  const failed = results.find(([err]) => err);
  if (failed) throw new Error(`could not store log lines: ${failed[0]!.message}`);
}

/** Forgets containers that no longer exist (their logs went with them). */
export async function forgetContainers(redis: Redis, installationId: string, containerIds: string[]): Promise<void> {
  if (containerIds.length === 0) return;
  await redis.hdel(logCursorsKey(installationId), ...containerIds.flatMap((id) => [id, `${id}:exit`]));
}
