import { configVarName, connectionUrl, findPlan, herokuAddonState, KINDS, PLANS, type AddonPlan } from "@pier/addon-core";
import type { Addon, AddonAttachment, App } from "@pier/db";
import type Docker from "dockerode";
import type { ReleaseDeps } from "./config-vars.js";
import type { Actor } from "./deps.js";
import { notFound } from "./errors.js";
import { decryptValue, secretKey } from "./secret-box.js";

/** Add-on use cases drive the local Docker engine and make releases. */
export type AddonDeps = ReleaseDeps & { docker: Docker; installationId: string };

export type AddonWithLinks = Addon & { app: App | null; attachments: (AddonAttachment & { app: App })[] };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const addonInclude = { app: true, attachments: { include: { app: true } } } as const;

/**
 * An add-on of `app` by name or id: owned by it, or (with `attachedToo`) attached to it. Any
 * other add-on is reported as missing, so names of other users' add-ons do not leak.
 */
export async function findAppAddon(app: App, nameOrId: string, deps: Pick<ReleaseDeps, "prisma">, attachedToo = false): Promise<AddonWithLinks> {
  const addon = await deps.prisma.addon.findFirst({
    where: UUID.test(nameOrId) ? { OR: [{ id: nameOrId }, { name: nameOrId }] } : { name: nameOrId },
    include: addonInclude,
  });
  const linked = addon && (addon.appId === app.id || (attachedToo && addon.attachments.some((a) => a.appId === app.id)));
  if (!addon || !linked) throw notFound("add-on");
  return addon;
}

export const planOf = (addon: Pick<Addon, "plan">): AddonPlan => {
  const plan = findPlan(addon.plan);
  return typeof plan === "string" ? PLANS.small! : plan;
};

/** The URL attached apps get, from the sealed password. */
export async function addonUrl(addon: Addon, deps: Pick<ReleaseDeps, "config">): Promise<string> {
  const password = decryptValue(await secretKey(deps.config), addon.passwordSealed);
  return connectionUrl(addon.kind, addon.name, { username: addon.username, password, databaseName: addon.databaseName });
}

/** Heroku-like shape (addon_service, plan, app, config_vars) plus Pier's own fields. */
export function addonView(addon: AddonWithLinks) {
  return {
    id: addon.id,
    name: addon.name,
    kind: addon.kind,
    addon_service: { name: addon.kind, human_name: { postgres: "PostgreSQL", redis: "Redis", mysql: "MySQL (MariaDB)" }[addon.kind] },
    // Heroku's CLI prints prices: a self-hosted add-on is free.
    plan: { name: `${addon.kind}:${addon.plan}`, price: { cents: 0, unit: "month" } },
    billed_price: { cents: 0, contract: false },
    app: addon.app ? { id: addon.app.id, name: addon.app.name } : null,
    // Heroku's state (what `heroku addons` shows); Pier's own, finer one is pier_state.
    state: herokuAddonState(addon.state),
    pier_state: addon.state,
    config_vars: addon.state === "destroyed" ? [] : addon.attachments.filter((a) => a.appId === addon.appId).map((a) => configVarName(a.name)),
    attachments: addon.attachments.map((a) => ({ id: a.id, name: a.name, app: { id: a.app.id, name: a.app.name }, config_var: configVarName(a.name) })),
    port: KINDS[addon.kind].port,
    version: addon.version,
    error: addon.error,
    destroyed_at: addon.destroyedAt?.toISOString() ?? null,
    purge_after: addon.purgeAfter?.toISOString() ?? null,
    created_at: addon.createdAt.toISOString(),
    updated_at: addon.updatedAt.toISOString(),
  };
}

export type AddonView = ReturnType<typeof addonView>;

/**
 * Changes to an add-on (rotation, destroy) reach every app it is attached to, including apps the
 * caller cannot open any more: attaching needed access to both, and the owner decides.
 */
export const attachedAppsActor = (actor: Actor): Actor => ({ ...actor, isAdmin: true });
