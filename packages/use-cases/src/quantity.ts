/** Most instances of one process type an app may ask for. */
export const MAX_QUANTITY = 100;

/**
 * A formation quantity as Heroku's API takes it: a number, or a string that is absolute ("3")
 * or relative to the current quantity ("+1", "-2"). Returns the new quantity or why not.
 */
export function resolveQuantity(requested: number | string, current: number): { quantity: number } | { error: string } {
  const text = String(requested).trim();
  const match = /^([+-]?)(\d{1,4})$/.exec(text);
  if (!match) return { error: `Quantity must be a whole number, optionally +N or -N, got "${text}".` };
  const n = Number(match[2]);
  const quantity = match[1] === "+" ? current + n : match[1] === "-" ? current - n : n;
  if (quantity < 0) return { error: `Cannot scale below 0 (currently ${current}, asked ${text}).` };
  if (quantity > MAX_QUANTITY) return { error: `At most ${MAX_QUANTITY} instances per process type.` };
  return { quantity };
}
