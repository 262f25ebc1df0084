/**
 * How `pier run` talks to its one-off: with a terminal (stdin and stdout both TTYs, like
 * `heroku run`) or with pipes. With a terminal the one-off gets one too: keystrokes go as raw
 * bytes in the attach body, output comes back as stdout frames, and size changes go as
 * `POST .../dynos/run.N/resize` requests beside the stream.
 */
export interface TerminalFacts {
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
  /** --no-tty: pipes even on a terminal. */
  noTty: boolean;
  detach: boolean;
}

export function wantsTerminal(f: TerminalFacts): boolean {
  return !f.detach && !f.noTty && f.stdinIsTTY && f.stdoutIsTTY;
}

export interface TerminalShape {
  columns: number | undefined;
  rows: number | undefined;
  term: string | undefined;
}

/** A usable size, or undefined (a pseudo-terminal nobody sized reports 0 x 0). */
export function terminalSize(t: TerminalShape): { columns: number; lines: number } | undefined {
  const ok = (n: number | undefined): n is number => n !== undefined && Number.isInteger(n) && n > 0;
  return ok(t.columns) && ok(t.rows) ? { columns: t.columns, lines: t.rows } : undefined;
}

/**
 * Environment for the one-off that describes the client's terminal. Through pipes, COLUMNS and
 * LINES tell formatters the width; with a terminal of its own the one-off asks it (and a fixed
 * COLUMNS would go stale on the first resize), so only TERM goes.
 */
export function terminalEnv(stdoutIsTTY: boolean, tty: boolean, t: TerminalShape): Record<string, string> {
  if (!stdoutIsTTY) return {};
  const term = { TERM: t.term || "xterm" };
  const size = terminalSize(t);
  if (tty || size === undefined) return term;
  return { COLUMNS: String(size.columns), LINES: String(size.lines), ...term };
}

/** The attach URL's query: the time limit, and with a terminal its starting size. */
export function attachQuery(ttl: number | undefined, size: { columns: number; lines: number } | undefined): URLSearchParams {
  const q = new URLSearchParams();
  if (ttl) q.set("time_to_live", String(ttl));
  if (size) {
    q.set("columns", String(size.columns));
    q.set("lines", String(size.lines));
  }
  return q;
}
