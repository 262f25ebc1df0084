/** Colour only when a person is watching: stdout is a TTY and NO_COLOR is not set. */
const useColor = () => Boolean(process.stdout.isTTY) && !process.env.NO_COLOR && process.env.TERM !== "dumb";

const wrap = (open: number, close: number) => (s: string) => (useColor() ? `\u001b[${open}m${s}\u001b[${close}m` : s);
export const bold = wrap(1, 22);
export const dim = wrap(2, 22);
export const green = wrap(32, 39);
export const red = wrap(31, 39);
export const yellow = wrap(33, 39);

export const heading = (title: string) => bold(`=== ${title}`);

export const json = (value: unknown) => JSON.stringify(value, null, 2);

/** Key: value lines with the keys aligned. */
export function fields(pairs: [string, string | null | undefined][]): string[] {
  const width = Math.max(...pairs.map(([k]) => k.length)) + 1;
  return pairs.map(([k, v]) => `${`${k}:`.padEnd(width)} ${v ?? ""}`);
}

/** "3 minutes ago" style age for listings. */
export function age(iso: string, now = Date.now()): string {
  const s = Math.max(0, Math.round((now - new Date(iso).getTime()) / 1000));
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.round(s / 60)}m ago`;
  if (s < 86_400) return `${Math.round(s / 3600)}h ago`;
  return `${Math.round(s / 86_400)}d ago`;
}
