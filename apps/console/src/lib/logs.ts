/** One line of an app's log stream: `2026-01-01T12:00:00.123Z app[web.1]: message`. */
export interface LogLine {
  time: string;
  source: string;
  process: string;
  text: string;
  raw: string;
}

const LINE = /^(\S+)\s+([a-z][\w-]*)\[([^\]]+)\]:\s?(.*)$/s;

export function parseLogLine(raw: string): LogLine {
  const m = LINE.exec(raw);
  if (!m) return { time: "", source: "", process: "", text: raw, raw };
  return { time: m[1]!, source: m[2]!, process: m[3]!, text: m[4]!, raw };
}

export interface LogFilter {
  /** Process type (`web`) or instance (`web.1`); empty for all. */
  process: string;
  /** `app`, `router`, `pier`...; empty for all. */
  source: string;
  /** Case-insensitive text to look for; empty for all. */
  text: string;
}

export function matchesFilter(line: LogLine, f: LogFilter): boolean {
  if (f.source && line.source !== f.source) return false;
  if (f.process && line.process !== f.process && !line.process.startsWith(`${f.process}.`)) return false;
  if (f.text && !line.raw.toLowerCase().includes(f.text.toLowerCase())) return false;
  return true;
}

/** Keeps the newest `max` lines: a tail left open for hours must not grow without bound. */
export function appendBounded<T>(lines: readonly T[], more: readonly T[], max: number): T[] {
  const all = lines.concat(more);
  return all.length > max ? all.slice(all.length - max) : all;
}
