import { useCallback, useEffect, useRef, useState } from "react";
import type { AppEventKind } from "../live/events.js";
import { useAppEvents } from "../live/AppEvents.js";

export interface Resource<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  reload: () => void;
}

export interface ResourceOptions {
  /** Reload this often while the page is visible (and no app event stream covers it). */
  pollMs?: number;
  /** App events after which to reload; while the app's stream is open, these replace polling. */
  liveOn?: readonly AppEventKind[];
}

/** Bursts of events (a deploy changes many rows at once) become one reload. */
const EVENT_SETTLE_MS = 150;

/**
 * Loads something from the API, then keeps it current: on the app's live events when the stream
 * is open, otherwise every `pollMs` while the page is visible. Answers that arrive after a newer
 * request started are dropped.
 */
export function useResource<T>(load: () => Promise<T>, deps: readonly unknown[], opts: ResourceOptions = {}): Resource<T> {
  const [state, setState] = useState<{ data?: T; error?: Error; loading: boolean }>({ loading: true });
  const seq = useRef(0);
  const stableLoad = useCallback(load, deps);

  const run = useCallback(
    (quiet: boolean) => {
      const mine = ++seq.current;
      if (!quiet) setState((s) => ({ ...s, loading: true }));
      stableLoad().then(
        (data) => mine === seq.current && setState({ data, loading: false }),
        (error: Error) => mine === seq.current && setState((s) => ({ data: quiet ? s.data : undefined, error, loading: false })),
      );
    },
    [stableLoad],
  );

  useEffect(() => {
    setState({ loading: true });
    run(false);
  }, [run]);

  const events = useAppEvents();
  const kinds = opts.liveOn?.join(",") ?? "";
  const live = Boolean(events?.live && kinds);
  useEffect(() => {
    if (live || !opts.pollMs) return;
    const timer = setInterval(() => document.visibilityState === "visible" && run(true), opts.pollMs);
    return () => clearInterval(timer);
  }, [run, opts.pollMs, live]);

  useEffect(() => {
    if (!events || !kinds) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = events.hub.subscribe(kinds.split(",") as AppEventKind[], () => {
      clearTimeout(timer);
      timer = setTimeout(() => run(true), EVENT_SETTLE_MS);
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [events, kinds, run]);

  return { data: state.data, error: state.error, loading: state.loading, reload: () => run(false) };
}
