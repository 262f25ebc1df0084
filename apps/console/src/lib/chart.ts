/** Pure geometry for the console's hand-drawn SVG charts (no chart library: the bundle stays small). */

export interface Plot {
  width: number;
  height: number;
  /** The value at the top edge. */
  max: number;
}

/** A round top for the y axis: 1, 2 or 5 times a power of ten, at least `value` (1 for nothing). */
export function niceMax(value: number): number {
  if (!(value > 0) || !Number.isFinite(value)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * An SVG path through the values, evenly spaced across the width; a missing value (no data in
 * that step) breaks the line rather than drawing it down to zero.
 */
export function linePath(values: readonly (number | undefined)[], plot: Plot): string {
  if (values.length === 0) return "";
  const dx = values.length > 1 ? plot.width / (values.length - 1) : 0;
  const present = (v: number | undefined): v is number => v !== undefined && Number.isFinite(v);
  let path = "";
  values.forEach((v, i) => {
    if (!present(v)) return;
    const x = round(i * dx);
    const y = round(plot.height - (Math.min(v, plot.max) / plot.max) * plot.height);
    const joined = i > 0 && present(values[i - 1]);
    path += `${joined ? "L" : path ? " M" : "M"}${x} ${y}`;
    // A point alone (a single busy minute) is a zero-length stroke: round caps draw it as a dot.
    if (!joined && !present(values[i + 1])) path += "h0";
  });
  return path;
}

/** The last value that is there, for the legend and the chart's text summary. */
export function latest(values: readonly (number | undefined)[]): number | undefined {
  for (let i = values.length - 1; i >= 0; i--) if (values[i] !== undefined) return values[i];
  return undefined;
}

/** Short numbers for axes and legends: 0.25, 3.1, 42, 1.2k, 3.4M. */
export function compact(n: number): string {
  const abs = Math.abs(n);
  if (abs >= 1e6) return `${trim(n / 1e6)}M`;
  if (abs >= 1e3) return `${trim(n / 1e3)}k`;
  if (abs >= 10 || n === 0) return String(Math.round(n));
  return trim(n, 2);
}

const trim = (n: number, digits = 1) => String(Number(n.toFixed(digits)));
