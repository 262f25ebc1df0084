/** How long one phase of a build or deploy took. */
export interface Phase {
  name: string;
  ms: number;
}

/** Marks the end of each phase; a phase lasts from the previous mark (or the start). */
export class PhaseClock {
  private readonly started = Date.now();
  private last = this.started;
  private readonly done: Phase[] = [];

  mark(name: string): void {
    const now = Date.now();
    this.done.push({ name, ms: now - this.last });
    this.last = now;
  }

  phases(): Phase[] {
    return [...this.done];
  }

  total(): number {
    return Date.now() - this.started;
  }
}

/** "detect 0.1 s, install 2.3 s" */
export function formatPhases(phases: readonly Phase[]): string {
  return phases.map((p) => `${p.name} ${(p.ms / 1000).toFixed(2)} s`).join(", ");
}
