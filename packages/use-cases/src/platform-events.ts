import { cleanMessage, logRetentionFromEnv, type LogRetention } from "@pier/log-core";
import { appendLogLines } from "@pier/log-store";
import type { Deps } from "./deps.js";

let retention: LogRetention | undefined;
/** Retention as the operator set it (PIER_LOG_MAX_LINES / PIER_LOG_MAX_AGE), read once. */
export function logRetention(): LogRetention {
  return (retention ??= logRetentionFromEnv(process.env));
}

/**
 * Writes a platform line into an app's log stream: `pier[<source>]: <message>`, e.g.
 * `emitPlatformEvent(deps, "shop", "api", "Deployed v7")` or (…, "web.1", "State changed to crashed").
 * A log store that is down must not fail the deploy that reports into it: the failure is
 * written to the process log instead.
 */
export async function emitPlatformEvent(deps: Pick<Deps, "redis" | "log">, app: string, source: string, message: string): Promise<void> {
  try {
    await appendLogLines(deps.redis, [{ app, line: { time: Date.now(), source: "pier", dyno: source, message: cleanMessage(message) } }], logRetention());
  } catch (err) {
    (deps.log ?? ((l: string) => process.stderr.write(`${l}\n`)))(`could not write the platform event "${message}" to ${app}'s log: ${(err as Error).message}`);
  }
}
