import type { LogLine, LogSource } from "@pier/log-core";

/** A line as stored, with its stream entry id (`<ms>-<seq>`), which orders and resumes reads. */
export interface StoredLogLine extends LogLine {
  id: string;
}

/** Stream entry fields are always t (time), s (source), d (dyno), m (message), in this order. */
export type RawEntry = [id: string, fields: string[]];

export function fromEntry([id, f]: RawEntry): StoredLogLine {
  if (f[0] === "t" && f[2] === "s" && f[4] === "d" && f[6] === "m") {
    return { id, time: Number(f[1]), source: f[3] as LogSource, dyno: f[5]!, message: f[7]! };
  }
  const get = (k: string) => f[f.indexOf(k) + 1] ?? "";
  return { id, time: Number(get("t")), source: get("s") as LogSource, dyno: get("d"), message: get("m") };
}
