/**
 * The worker's one loop shape: run `pass`, sleep for the time it returns, repeat. Passes never
 * overlap; `wake` cuts the current sleep short, or, during a pass, makes the next pass follow at
 * once (so a change that arrives mid-pass is never missed). `pass` reports its own failures.
 */
export interface WakeableLoop {
  wake(): void;
  /** Ends the loop after the running pass, if any. */
  stop(): Promise<void>;
}

export function startWakeableLoop(opts: { firstAfterMs?: number; pass: () => Promise<number> }): WakeableLoop {
  let stopping = false;
  let woken = false;
  let endSleep: (() => void) | undefined;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (ms <= 0 || woken || stopping) return resolve();
      const timer = setTimeout(() => endSleep?.(), ms);
      timer.unref();
      endSleep = () => {
        clearTimeout(timer);
        endSleep = undefined;
        resolve();
      };
    });
  const done = (async () => {
    await sleep(opts.firstAfterMs ?? 0);
    while (!stopping) {
      woken = false;
      const next = await opts.pass();
      if (!stopping) await sleep(next);
    }
  })();
  return {
    wake() {
      woken = true;
      endSleep?.();
    },
    async stop() {
      stopping = true;
      endSleep?.();
      await done;
    },
  };
}

/** A pass every `everyMs` after the previous one ends, the first `firstAfterMs` after start. */
export function startTimerLoop(opts: { everyMs: number; firstAfterMs: number; pass: () => Promise<void> }): { stop(): Promise<void> } {
  return startWakeableLoop({
    firstAfterMs: opts.firstAfterMs,
    pass: async () => {
      await opts.pass();
      return opts.everyMs;
    },
  });
}
