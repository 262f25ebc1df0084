/**
 * Runs `pass` after `firstAfterMs`, then `everyMs` after each pass ends (passes never overlap).
 * `pass` reports its own failures; `stop` waits for a running pass.
 */
export function startTimerLoop(opts: { everyMs: number; firstAfterMs: number; pass: () => Promise<void> }): { stop(): Promise<void> } {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const schedule = (ms: number) => {
    timer = setTimeout(() => {
      running = opts.pass().finally(() => {
        if (!stopped) schedule(opts.everyMs);
      });
    }, ms);
    timer.unref();
  };
  schedule(opts.firstAfterMs);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
