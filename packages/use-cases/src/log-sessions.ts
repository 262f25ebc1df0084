import { LogFilterError, parseLogFilter } from "@pier/log-core";
import { createLogSession, readLogSession, type LogSessionSpec } from "@pier/log-store";
import { findAccessibleApp } from "./app-access.js";
import type { Actor, Deps } from "./deps.js";
import { UseCaseError } from "./errors.js";

/** The session URL works for this long after it is made; a stream opened in time stays open. */
export const LOG_SESSION_TTL_SECONDS = 300;
const MAX_LINES = 10_000;

export interface LogSessionParams {
  app: string;
  dyno?: string | null;
  source?: string | null;
  lines?: number | null;
  tail?: boolean | null;
}

/** Checks access and the filter, and returns a short-lived secret naming what to stream. */
export async function startLogSession(p: LogSessionParams, actor: Actor, deps: Deps): Promise<{ id: string; spec: LogSessionSpec }> {
  const app = await findAccessibleApp(p.app, actor, deps);
  let filter;
  try {
    filter = parseLogFilter({ dyno: p.dyno, source: p.source });
  } catch (err) {
    if (err instanceof LogFilterError) throw new UseCaseError("invalid_params", err.message);
    throw err;
  }
  const lines = p.lines ?? 100;
  if (!Number.isInteger(lines) || lines < 0 || lines > MAX_LINES) {
    throw new UseCaseError("invalid_params", `lines must be a whole number from 0 to ${MAX_LINES}, got ${lines}.`);
  }
  const spec: LogSessionSpec = { app: app.name, ...filter, lines, tail: p.tail === true };
  return { id: await createLogSession(deps.redis, spec, LOG_SESSION_TTL_SECONDS), spec };
}

/** The session a URL's secret stands for; unknown or expired secrets are not found. */
export async function findLogSession(id: string, deps: Pick<Deps, "redis">): Promise<LogSessionSpec> {
  const spec = await readLogSession(deps.redis, id);
  if (!spec) throw new UseCaseError("not_found", "This log session has expired or does not exist: start a new one (pier logs).");
  return spec;
}
