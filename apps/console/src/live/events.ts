/** The app events the API streams (see apps/api/src/routes/events): "this changed, read it again". */
export const APP_EVENT_KINDS = ["build", "release", "instance", "domain", "formation", "activity"] as const;
export type AppEventKind = (typeof APP_EVENT_KINDS)[number];

export type Listener = (kind: AppEventKind | "ready") => void;

/**
 * Listeners by the kinds they care about. `ready` (a (re)connect) reaches everyone, since changes
 * made while the stream was down were not seen.
 */
export class EventHub {
  private listeners = new Set<{ kinds: ReadonlySet<string>; fn: Listener }>();

  subscribe(kinds: readonly AppEventKind[], fn: Listener): () => void {
    const entry = { kinds: new Set<string>(kinds), fn };
    this.listeners.add(entry);
    return () => this.listeners.delete(entry);
  }

  emit(kind: AppEventKind | "ready"): void {
    for (const l of [...this.listeners]) if (kind === "ready" || l.kinds.has(kind)) l.fn(kind);
  }
}

/** Waits between attempts to open a new stream: 1 s, 2 s, 4 s … up to 30 s. */
export const reconnectDelayMs = (attempt: number): number => Math.min(30_000, 1000 * 2 ** Math.max(0, attempt));
