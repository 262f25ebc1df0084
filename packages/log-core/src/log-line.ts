/**
 * One line of an app's log stream. `app` lines come from the app's own processes; `pier` lines
 * from the platform (router access lines, deploys, crashes), as Heroku's `heroku[...]` lines do.
 */
export type LogSource = "app" | "pier";

export interface LogLine {
  /** Milliseconds since the epoch. */
  time: number;
  source: LogSource;
  /** The process the line is about: `web.1`, `worker.2`, `router`, `api`, `build`. */
  dyno: string;
  message: string;
}

/** `2026-01-01T12:00:00.123Z app[web.1]: message` */
export function formatLogLine(line: LogLine): string {
  return formatLogText(new Date(line.time).toISOString(), line.source, line.dyno, line.message);
}

/** formatLogLine for a time already in ISO form (the collector has it from Docker's stamp, no Date needed). */
export const formatLogText = (isoTime: string, source: LogSource, dyno: string, message: string): string =>
  `${isoTime} ${source}[${dyno}]: ${message}`;

const LINE = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z) (app|pier)\[([^\]\s]+)\]: ([\s\S]*)$/;

/** The inverse of formatLogLine; undefined for text that is not a log line. */
export function parseLogLine(text: string): LogLine | undefined {
  const m = LINE.exec(text);
  if (!m) return undefined;
  const time = Date.parse(m[1]!);
  if (Number.isNaN(time)) return undefined;
  return { time, source: m[2] as LogSource, dyno: m[3]!, message: m[4]! };
}

/** Control characters other than tab would garble terminals and framing; they are dropped. */
export function cleanMessage(text: string): string {
  return /[\x00-\x08\x0a-\x1f\x7f]/.test(text) ? text.replace(/[\x00-\x08\x0a-\x1f\x7f]/g, "") : text;
}
