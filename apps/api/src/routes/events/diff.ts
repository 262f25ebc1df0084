/**
 * What changed in an app between two looks at it. A snapshot maps, per kind of thing, each
 * thing's key to a fingerprint of the state the console shows; any difference is an event.
 * Level-triggered: an event says "this changed, read it again", so a missed look costs nothing.
 */
export const EVENT_KINDS = ["build", "release", "instance", "domain", "formation", "activity"] as const;
export type AppEventKind = (typeof EVENT_KINDS)[number];

export type AppSnapshot = Record<AppEventKind, Record<string, string>>;

export interface AppEvent {
  kind: AppEventKind;
  /** The thing's key: a build or release id, an instance name, a hostname, a process type. */
  id: string;
  /** Its new fingerprint, or null when it is gone. */
  state: string | null;
}

export const emptySnapshot = (): AppSnapshot => ({ build: {}, release: {}, instance: {}, domain: {}, formation: {}, activity: {} });

export function diffSnapshots(before: AppSnapshot, after: AppSnapshot): AppEvent[] {
  const events: AppEvent[] = [];
  for (const kind of EVENT_KINDS) {
    const was = before[kind];
    const now = after[kind];
    for (const [id, state] of Object.entries(now)) if (was[id] !== state) events.push({ kind, id, state });
    for (const id of Object.keys(was)) if (!(id in now)) events.push({ kind, id, state: null });
  }
  return events;
}

/** One server-sent event per change: `event: <kind>`, the change as JSON in `data`. */
export function formatAppEvent(seq: number, e: AppEvent): string {
  return `id: ${seq}\nevent: ${e.kind}\ndata: ${JSON.stringify(e)}\n\n`;
}
