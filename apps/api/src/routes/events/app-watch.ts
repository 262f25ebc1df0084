/** What a look at an app found: its snapshot, or null once the app is gone. */
export type Look<S> = (appId: string) => Promise<S | null>;

export interface AppWatchOptions<S> {
  look: Look<S>;
  /** Looks at each watched app at least this often. */
  everyMs: number;
  /** Starts wake-ups (a change somewhere that may concern any app); answers how to stop them. */
  subscribeWakes: (wake: () => void) => () => void;
  warn: (message: string) => void;
}

interface Watched<S> {
  listeners: Set<(snapshot: S | null) => void>;
  /** Set by a wake-up during a look: the next look follows at once. */
  woken: boolean;
  endSleep?: () => void;
}

function wake(entry: { woken: boolean; endSleep?: () => void }): void {
  entry.woken = true;
  entry.endSleep?.();
}

/**
 * One look at a watched app per tick, shared by every stream of that app in this process (before,
 * each open stream read the app and held a Redis subscription of its own). The wake-up
 * subscription lives while any app is watched.
 */
export class AppWatch<S> {
  private readonly apps = new Map<string, Watched<S>>();
  private stopWakes: (() => void) | undefined;

  constructor(private readonly opts: AppWatchOptions<S>) {}

  /** Calls `onLook` with each look at the app (the first soon after this call) until the returned function is called. */
  watch(appId: string, onLook: (snapshot: S | null) => void): () => void {
    let entry = this.apps.get(appId);
    if (!entry) {
      entry = { listeners: new Set(), woken: false };
      this.apps.set(appId, entry);
      this.stopWakes ??= this.opts.subscribeWakes(() => this.wakeAll());
      void this.run(appId, entry);
    } else {
      // The newcomer's first look should be fresh, not up to a tick old.
      wake(entry);
    }
    entry.listeners.add(onLook);
    const watched = entry;
    return () => {
      watched.listeners.delete(onLook);
      wake(watched);
    };
  }

  get watchedApps(): number {
    return this.apps.size;
  }

  private wakeAll(): void {
    for (const entry of this.apps.values()) wake(entry);
  }

  private async run(appId: string, entry: Watched<S>): Promise<void> {
    // The first listener is added right after this starts: let it.
    await Promise.resolve();
    while (entry.listeners.size > 0) {
      let snapshot: S | null | undefined;
      try {
        snapshot = await this.opts.look(appId);
      } catch (err) {
        // A failed read costs a tick; the streams stay open.
        this.opts.warn(`app events: could not read app ${appId} (${(err as Error).message}); trying again in ${this.opts.everyMs} ms`);
      }
      if (snapshot !== undefined) for (const listener of [...entry.listeners]) listener(snapshot);
      if (entry.listeners.size === 0) break;
      if (!entry.woken) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.opts.everyMs);
          entry.endSleep = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      entry.woken = false;
      entry.endSleep = undefined;
    }
    this.apps.delete(appId);
    if (this.apps.size === 0) {
      this.stopWakes?.();
      this.stopWakes = undefined;
    }
  }
}
