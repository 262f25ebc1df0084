import { useState } from "react";

/**
 * A change sent to the API from a button or form: `busy` while it runs, its error message if it
 * fails, `onDone` (e.g. reload the list) when it succeeds. `run` answers whether it succeeded.
 */
export function useAction(onDone?: () => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (work: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await work();
      onDone?.();
      return true;
    } catch (err) {
      setError((err as Error).message);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { run, busy, error };
}
