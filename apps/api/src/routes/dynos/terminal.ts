/**
 * Whether a one-off run by the heroku CLI gets a terminal, and its size: Heroku gives one unless
 * `force_no_tty`; the CLI sends COLUMNS and LINES only when its output is a terminal, so without
 * them (output piped, CI) the one-off gets pipes. Pier's own CLI says `tty` itself.
 */
export function terminalFor(body: { attach?: boolean; tty?: boolean; force_no_tty?: boolean; env?: Record<string, string> }): { tty: boolean; size?: { columns: number; lines: number } } {
  const columns = Number(body.env?.COLUMNS);
  const lines = Number(body.env?.LINES);
  const sized = Number.isInteger(columns) && columns > 0 && Number.isInteger(lines) && lines > 0;
  if (body.tty !== undefined) return { tty: body.attach === true && body.tty };
  if (body.attach !== true || body.force_no_tty === true || !sized) return { tty: false };
  return { tty: true, size: { columns, lines } };
}

