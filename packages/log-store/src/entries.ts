import type { LogSource } from "@pier/log-core";

/**
 * A line as stored: its stream entry id (`<ms>-<seq>`, which orders and resumes reads), the
 * formatted text (`2026-01-01T12:00:00.123Z app[web.1]: message`) and, parsed from it, what
 * filters look at.
 */
export interface StoredLogLine {
  id: string;
  text: string;
  source: LogSource;
  dyno: string;
}

/** Stream entries have one field, `l`, the formatted line. */
export type RawEntry = [id: string, fields: string[]];

export function fromEntry([id, fields]: RawEntry): StoredLogLine {
  const text = fields[1] ?? "";
  // `<time> <source>[<dyno>]: ...`: found by position, this runs for every line a reader reads.
  const space = text.indexOf(" ");
  const open = text.indexOf("[", space);
  const close = text.indexOf("]", open);
  return { id, text, source: text.slice(space + 1, open) as LogSource, dyno: text.slice(open + 1, close) };
}
