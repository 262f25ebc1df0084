/**
 * Delay before restarting a crashed instance that has restarted `restarts` times since its
 * release began: the first restart is immediate, then 1 s, 2 s, 4 s, ... up to `maxMs`.
 * A new release starts new instances, which resets the count.
 */
export function backoffDelayMs(restarts: number, maxMs = 5 * 60_000): number {
  if (restarts <= 0) return 0;
  return Math.min(1000 * 2 ** Math.min(restarts - 1, 30), maxMs);
}
