/** Docker's `KEY=value` list from a record; values are data, never parsed by a shell. */
export function envList(env: Record<string, string>): string[] {
  return Object.entries(env).map(([key, value]) => `${key}=${value}`);
}
