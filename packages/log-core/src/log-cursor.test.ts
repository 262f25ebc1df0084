import { describe, expect, it } from "vitest";
import { advanceCursor, decodeCursor, encodeCursor, resumeGate, type LogCursor } from "./log-cursor.js";

const A = "2026-01-01T12:00:00.100000000Z";
const B = "2026-01-01T12:00:00.200000000Z";
const C = "2026-01-01T12:00:00.300000000Z";

describe("advanceCursor", () => {
  it("counts lines at the same timestamp and restarts on a newer one", () => {
    let c: LogCursor | undefined;
    for (const ts of [A, B, B, B]) c = advanceCursor(c, ts);
    expect(c).toEqual({ timestamp: B, count: 3 });
    expect(advanceCursor(c, C)).toEqual({ timestamp: C, count: 1 });
  });
});

describe("resumeGate", () => {
  const cases: [string, LogCursor | undefined, string[], boolean[]][] = [
    ["no cursor keeps all", undefined, [A, B], [true, true]],
    ["skips older and the counted lines at the cursor", { timestamp: B, count: 2 }, [A, B, B, B, C], [false, false, false, true, true]],
    ["a newer line opens the gate", { timestamp: B, count: 1 }, [C, B], [true, true]],
    ["nothing new", { timestamp: C, count: 1 }, [A, B, C], [false, false, false]],
  ];
  it.each(cases)("%s", (_name, cursor, stamps, kept) => {
    const gate = resumeGate(cursor);
    expect(stamps.map(gate)).toEqual(kept);
  });

  it("a restart anywhere in a stream neither loses nor repeats a line", () => {
    const stream = [A, A, B, B, B, C, C];
    for (let stop = 0; stop <= stream.length; stop++) {
      let cursor: LogCursor | undefined;
      const stored: number[] = [];
      stream.slice(0, stop).forEach((ts, i) => {
        stored.push(i);
        cursor = advanceCursor(cursor, ts);
      });
      // Docker answers `since=cursor.timestamp` with every line at or after it.
      const since = cursor?.timestamp ?? "";
      const gate = resumeGate(cursor);
      stream.forEach((ts, i) => {
        if (ts >= since && gate(ts)) stored.push(i);
      });
      expect(stored).toEqual(stream.map((_, i) => i));
    }
  });
});

describe("encodeCursor / decodeCursor", () => {
  it("round-trips and rejects junk", () => {
    expect(decodeCursor(encodeCursor({ timestamp: A, count: 7 }))).toEqual({ timestamp: A, count: 7 });
    expect(decodeCursor(null)).toBeUndefined();
    expect(decodeCursor("x")).toBeUndefined();
  });
});
