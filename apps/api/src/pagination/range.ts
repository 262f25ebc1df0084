/**
 * Heroku's list pagination, as a pure function. A client sends
 * `Range: <field> [[]start]..[end][; max=N][, order=asc|desc]` (`;` and `,` both separate) and,
 * when the answer is cut, gets 206 with `Next-Range` to send next. The last page carries no
 * `Next-Range`: Heroku's clients follow it automatically.
 */
export interface RangeSpec {
  field: string;
  start?: string;
  startExclusive: boolean;
  end?: string;
  max: number;
  order: "asc" | "desc";
}

export type SortValue = string | number;

export interface ListSpec<T> {
  /** Fields a client may sort by; the first is the default. */
  fields: Record<string, (item: T) => SortValue>;
  defaultOrder?: "asc" | "desc";
  defaultMax?: number;
}

export const MAX_PAGE = 1000;
const DEFAULT_PAGE = 200;

export class RangeError extends Error {
  override name = "RangeError";
}

/** Parses a Range header; a field the list does not know falls back to the default one. */
export function parseRange(header: string | undefined, spec: ListSpec<never>): RangeSpec {
  const fields = Object.keys(spec.fields);
  const fallback: RangeSpec = {
    field: fields[0]!,
    startExclusive: false,
    max: spec.defaultMax ?? DEFAULT_PAGE,
    order: spec.defaultOrder ?? "asc",
  };
  if (header === undefined || header.trim() === "") return fallback;
  if (header.length > 1000) throw new RangeError("The Range header is too long.");
  const match = /^\s*([A-Za-z_][\w.]*)\s*(.*)$/s.exec(header);
  if (!match) throw new RangeError(`Cannot read the Range header "${header}": expected e.g. "id ..; max=200".`);
  const range: RangeSpec = { ...fallback, field: fields.includes(match[1]!) ? match[1]! : fallback.field };
  const [bounds = "", ...options] = match[2]!.split(/[;,]/).map((s) => s.trim());
  if (bounds !== "") {
    const dots = bounds.indexOf("..");
    if (dots < 0) throw new RangeError(`Cannot read the Range bounds "${bounds}": expected "start..end".`);
    let start = bounds.slice(0, dots).trim();
    if (start.startsWith("]")) {
      range.startExclusive = true;
      start = start.slice(1);
    }
    const end = bounds.slice(dots + 2).trim();
    if (start !== "") range.start = start;
    if (end !== "") range.end = end;
  }
  for (const option of options) {
    if (option === "") continue;
    const [key, value = ""] = option.split("=").map((s) => s.trim());
    if (key === "max") {
      if (!/^\d{1,7}$/.test(value) || Number(value) < 1) throw new RangeError(`Range max must be a whole number from 1 to ${MAX_PAGE}, got "${value}".`);
      range.max = Math.min(Number(value), MAX_PAGE);
    } else if (key === "order") {
      if (value !== "asc" && value !== "desc") throw new RangeError(`Range order must be asc or desc, got "${value}".`);
      range.order = value;
    }
  }
  return range;
}

function compare(a: SortValue, b: SortValue): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  const [x, y] = [String(a), String(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Bounds arrive as text: compare them as numbers when the field is numeric. */
function bound(raw: string, sample: SortValue): SortValue {
  return typeof sample === "number" && /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
}

export interface Page<T> {
  items: T[];
  /** Set only when the list was cut. */
  nextRange?: string;
}

export function paginate<T>(all: T[], range: RangeSpec, spec: ListSpec<T>): Page<T> {
  const key = spec.fields[range.field]!;
  const sign = range.order === "desc" ? -1 : 1;
  const sorted = all.map((item) => ({ item, value: key(item) })).sort((a, b) => sign * compare(a.value, b.value));
  const inRange = sorted.filter(({ value }) => {
    if (range.start !== undefined) {
      const c = sign * compare(value, bound(range.start, value));
      if (c < 0 || (c === 0 && range.startExclusive)) return false;
    }
    if (range.end !== undefined && sign * compare(value, bound(range.end, value)) > 0) return false;
    return true;
  });
  const page = inRange.slice(0, range.max);
  if (inRange.length <= range.max) return { items: page.map((p) => p.item) };
  const last = page[page.length - 1]!.value;
  return { items: page.map((p) => p.item), nextRange: `${range.field} ]${last}..; max=${range.max}, order=${range.order}` };
}
