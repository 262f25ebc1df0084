import { useCallback, useEffect, useRef, useState } from "react";

export interface Resource<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  reload: () => void;
}

/**
 * Loads something from the API, and again every `pollMs` while the page is visible (the console's
 * live updates). Answers that arrive after a newer request started are dropped.
 */
export function useResource<T>(load: () => Promise<T>, deps: readonly unknown[], opts: { pollMs?: number } = {}): Resource<T> {
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
    if (!opts.pollMs) return;
    const timer = setInterval(() => document.visibilityState === "visible" && run(true), opts.pollMs);
    return () => clearInterval(timer);
  }, [run, opts.pollMs]);

  return { data: state.data, error: state.error, loading: state.loading, reload: () => run(false) };
}
