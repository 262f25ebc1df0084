import { heading } from "./output.js";

export interface Column<T> {
  /** Shown above the column when any column has a header. */
  header?: string;
  value: (row: T) => string;
  /** Colours the padded text: escape codes then never count towards a column's width. */
  colour?: (text: string, row: T) => string;
}

/** Left-aligned columns, widths from the content (headers included), no trailing spaces. */
export function formatTable<T>(rows: readonly T[], columns: readonly Column<T>[]): string[] {
  const cells = rows.map((row) => columns.map((c) => c.value(row)));
  const headers = columns.some((c) => c.header) ? columns.map((c) => c.header ?? "") : undefined;
  const widths = columns.map((_, i) => Math.max(headers?.[i]?.length ?? 0, ...cells.map((r) => r[i]!.length)));
  const line = (texts: string[], row?: T) =>
    texts
      .map((text, i) => {
        const padded = i === texts.length - 1 ? text : text.padEnd(widths[i]!);
        const colour = columns[i]!.colour;
        return row !== undefined && colour ? colour(padded, row) : padded;
      })
      .join("  ")
      .trimEnd();
  return [...(headers ? [line(headers)] : []), ...cells.map((texts, r) => line(texts, rows[r]))];
}

export interface TableOptions {
  out: (line: string) => void;
  /** Printed as a `=== title` heading above the table. */
  title?: string;
  /** Printed instead of the heading and table when there are no rows. */
  empty?: string;
}

/** The one way CLI listings print rows: a heading, then aligned columns. */
export function printTable<T>(rows: readonly T[], columns: readonly Column<T>[], { out, title, empty }: TableOptions): void {
  if (rows.length === 0 && empty !== undefined) return out(empty);
  if (title !== undefined) out(heading(title));
  for (const line of formatTable(rows, columns)) out(line);
}
