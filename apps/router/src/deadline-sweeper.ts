/** Something whose deadlines the sweeper checks. */
export interface Expiring {
  checkDeadlines(now: number): void;
}

/** Sweep period for these timeouts: a tenth of the shortest, within 5-500 ms. */
export function sweepPeriodMs(timeoutsMs: number[]): number {
  const shortest = Math.min(...timeoutsMs.filter((t) => t > 0 && Number.isFinite(t)));
  if (!Number.isFinite(shortest)) return 500;
  return Math.min(500, Math.max(5, Math.floor(shortest / 10)));
}

/**
 * Coarse timeouts for the hot path: one interval walks the live connections and compares
 * timestamps, instead of a Node timer per socket and per request (a socket timeout is re-armed
 * on every read and write, and each setTimeout/clearTimeout is a timer-list insert and removal).
 * A deadline fires up to one period late.
 */
export class DeadlineSweeper {
  private readonly timer: NodeJS.Timeout;

  constructor(items: Iterable<Expiring>, periodMs: number) {
    this.timer = setInterval(() => {
      const now = Date.now();
      for (const item of items) item.checkDeadlines(now);
    }, periodMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
