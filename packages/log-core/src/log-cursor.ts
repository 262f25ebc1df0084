/**
 * How far the collector has stored one container's log: the Docker timestamp of the last stored
 * line and how many stored lines carry exactly that timestamp. Docker's `since` includes lines at
 * the given time, so after a restart the collector asks from `timestamp` and skips `count` lines
 * there: nothing is stored twice and nothing Docker still holds is missed.
 */
export interface LogCursor {
  /** Normalized (see normalizeDockerTimestamp). */
  timestamp: string;
  count: number;
}

export function advanceCursor(cursor: LogCursor | undefined, timestamp: string): LogCursor {
  if (cursor !== undefined && cursor.timestamp === timestamp) return { timestamp, count: cursor.count + 1 };
  return { timestamp, count: 1 };
}

/**
 * A gate for lines read again from `cursor` on: answers false for lines already stored. Docker
 * returns lines in the order it wrote them, so once a newer line passes, every later one does.
 */
export function resumeGate(cursor: LogCursor | undefined): (timestamp: string) => boolean {
  if (cursor === undefined) return () => true;
  let open = false;
  let skipped = 0;
  return (timestamp) => {
    if (open) return true;
    if (timestamp < cursor.timestamp) return false;
    if (timestamp === cursor.timestamp && skipped < cursor.count) {
      skipped += 1;
      return false;
    }
    open = true;
    return true;
  };
}

export const encodeCursor = (c: LogCursor): string => `${c.timestamp} ${c.count}`;

export function decodeCursor(raw: string | null | undefined): LogCursor | undefined {
  const m = /^(\S+Z) (\d+)$/.exec(raw ?? "");
  return m ? { timestamp: m[1]!, count: Number(m[2]) } : undefined;
}
