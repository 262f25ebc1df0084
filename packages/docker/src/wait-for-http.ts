import { request } from "node:http";
import { errorMessage } from "./errors.js";

export interface WaitForHttpOptions {
  host: string;
  port: number;
  path?: string;
  timeoutMs: number;
  /** Asked after each failed attempt; false stops the wait at once (the process is gone). */
  isAlive?: () => Promise<boolean>;
  /** Why the process is gone (exit code, last log lines), for the error message. */
  whyDead?: () => Promise<string>;
  /** Pause between attempts. */
  intervalMs?: number;
}

const ATTEMPT_TIMEOUT_MS = 2_000;

/** One GET; resolves on any HTTP response, whatever its status. */
function probe(host: string, port: number, path: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host, port, path, method: "GET", agent: false, timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("timeout", () => req.destroy(new Error(`no response within ${timeoutMs} ms`)));
    req.on("error", reject);
    req.end();
  });
}

/**
 * Waits until something answers HTTP at host:port. Rejects when `timeoutMs` passes, or as soon
 * as `isAlive` reports the process gone, with a message saying which and why.
 */
export async function waitForHttp(opts: WaitForHttpOptions): Promise<void> {
  const path = opts.path ?? "/";
  const where = `http://${opts.host}:${opts.port}${path}`;
  const deadline = Date.now() + opts.timeoutMs;
  let lastError = "no attempt made";
  for (;;) {
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      throw new Error(`No HTTP response from ${where} within ${+(opts.timeoutMs / 1000).toFixed(1)} s (last error: ${lastError})`);
    }
    try {
      await probe(opts.host, opts.port, path, Math.min(remaining, ATTEMPT_TIMEOUT_MS));
      return;
    } catch (err) {
      lastError = errorMessage(err) || String((err as { code?: unknown }).code);
    }
    if (opts.isAlive && !(await opts.isAlive())) {
      const why = opts.whyDead ? await opts.whyDead() : "the process is no longer running";
      throw new Error(`${where} will not answer: ${why}`);
    }
    await new Promise((r) => setTimeout(r, Math.min(opts.intervalMs ?? 100, Math.max(0, deadline - Date.now()))));
  }
}
