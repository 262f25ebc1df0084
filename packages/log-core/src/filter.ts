import type { LogLine, LogSource } from "./log-line.js";

/** Which lines a reader wants: `dyno` "web" matches web.1, web.2...; "web.1" only that one. */
export interface LogFilter {
  dyno?: string;
  source?: LogSource;
}

export class LogFilterError extends Error {
  override name = "LogFilterError";
}

const DYNO = /^[a-z0-9][a-z0-9_-]{0,62}(\.\d{1,6})?$/i;

/**
 * Validates a filter as clients send it. `heroku` is accepted for `pier` so that the heroku CLI's
 * `--source heroku` works against Pier.
 */
export function parseLogFilter(raw: { dyno?: string | null; source?: string | null }): LogFilter {
  const filter: LogFilter = {};
  if (raw.dyno) {
    if (!DYNO.test(raw.dyno)) throw new LogFilterError(`"${raw.dyno}" is not a process name such as web or web.1.`);
    filter.dyno = raw.dyno;
  }
  if (raw.source) {
    const source = raw.source === "heroku" ? "pier" : raw.source;
    if (source !== "app" && source !== "pier") throw new LogFilterError(`Log source must be app or pier, got "${raw.source}".`);
    filter.source = source;
  }
  return filter;
}

export function matchesLogFilter(filter: LogFilter, line: Pick<LogLine, "source" | "dyno">): boolean {
  if (filter.source !== undefined && line.source !== filter.source) return false;
  const want = filter.dyno;
  if (want === undefined) return true;
  if (line.dyno === want) return true;
  return !want.includes(".") && line.dyno.startsWith(want) && line.dyno[want.length] === ".";
}
