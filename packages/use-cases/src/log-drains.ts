import { randomUUID } from "node:crypto";
import { type LogDrain } from "@pier/db";
import { DrainUrlError, parseDrainUrl, redactDrainUrl } from "@pier/log-core";
import { findAccessibleApp } from "./app-access.js";
import { recordAudit } from "./audit.js";
import type { Actor, Deps } from "./deps.js";
import { UseCaseError } from "./errors.js";
import { isUniqueViolation } from "./unique-violation.js";

/** A log drain as Heroku's API shows it (`heroku drains` reads url and token). */
export interface LogDrainView {
  id: string;
  url: string;
  token: string;
  addon: null;
  created_at: string;
  updated_at: string;
}

const view = (d: LogDrain): LogDrainView => ({ id: d.id, url: d.url, token: d.token, addon: null, created_at: d.createdAt.toISOString(), updated_at: d.updatedAt.toISOString() });

/** More than this per app is refused: each drain is one more copy of every line leaving the worker. */
export const MAX_DRAINS_PER_APP = 5;

export async function listLogDrains(params: { app: string }, actor: Actor, deps: Pick<Deps, "prisma">): Promise<LogDrainView[]> {
  const app = await findAccessibleApp(params.app, actor, deps);
  const drains = await deps.prisma.logDrain.findMany({ where: { appId: app.id }, orderBy: { createdAt: "asc" } });
  return drains.map(view);
}

/** Adds a drain; the worker starts sending the app's new lines to it within seconds. */
export async function addLogDrain(params: { app: string; url: unknown }, actor: Actor, deps: Pick<Deps, "prisma">): Promise<LogDrainView> {
  if (typeof params.url !== "string" || params.url.trim() === "") throw new UseCaseError("invalid_params", "Give the drain URL, e.g. syslog+tls://logs.example.com:6514.");
  let url: string;
  try {
    url = parseDrainUrl(params.url).url;
  } catch (err) {
    if (err instanceof DrainUrlError) throw new UseCaseError("invalid_params", err.message);
    throw err;
  }
  const app = await findAccessibleApp(params.app, actor, deps);
  if ((await deps.prisma.logDrain.count({ where: { appId: app.id } })) >= MAX_DRAINS_PER_APP) {
    throw new UseCaseError("invalid_params", `${app.name} already has ${MAX_DRAINS_PER_APP} drains; remove one first.`);
  }
  try {
    const drain = await deps.prisma.logDrain.create({ data: { appId: app.id, url, token: `d.${randomUUID()}` } });
    await recordAudit({ action: "drain.add", app, details: { url: redactDrainUrl(url) } }, actor, deps);
    return view(drain);
  } catch (err) {
    if (isUniqueViolation(err)) throw new UseCaseError("conflict", `${app.name} already drains to ${redactDrainUrl(url)}.`);
    throw err;
  }
}

/** Removes a drain named by id, token or URL (as `heroku drains:remove` sends it). */
export async function removeLogDrain(params: { app: string; drain: string }, actor: Actor, deps: Pick<Deps, "prisma">): Promise<LogDrainView> {
  const app = await findAccessibleApp(params.app, actor, deps);
  const byUrl = (() => {
    try {
      return parseDrainUrl(params.drain).url;
    } catch (err) {
      if (err instanceof DrainUrlError) return undefined; // not a drain URL: an id or a token
      throw err;
    }
  })();
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(params.drain);
  const drain = await deps.prisma.logDrain.findFirst({
    where: { appId: app.id, OR: [...(isUuid ? [{ id: params.drain }] : []), { token: params.drain }, ...(byUrl ? [{ url: byUrl }] : [])] },
  });
  if (!drain) throw new UseCaseError("not_found", `${app.name} has no drain ${redactDrainUrl(params.drain)}.`);
  await deps.prisma.logDrain.delete({ where: { id: drain.id } });
  await recordAudit({ action: "drain.remove", app, details: { url: redactDrainUrl(drain.url) } }, actor, deps);
  return view(drain);
}
