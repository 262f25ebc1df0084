import { UseCaseError } from "./errors.js";

/** A terminal's size in character cells (Docker's resize takes it as w and h). */
export interface TerminalSize {
  columns: number;
  lines: number;
}

/** Docker takes any 16-bit size; a terminal of more than this many cells either way is a mistake. */
export const MAX_TERMINAL_CELLS = 10_000;

export function checkTerminalSize(size: TerminalSize): void {
  const ok = (n: number) => Number.isInteger(n) && n >= 1 && n <= MAX_TERMINAL_CELLS;
  if (!ok(size.columns) || !ok(size.lines)) throw new UseCaseError("invalid_params", `A terminal size is 1 to ${MAX_TERMINAL_CELLS} columns and lines.`);
}
