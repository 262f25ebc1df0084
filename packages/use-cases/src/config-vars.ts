import type { Release } from "@pier/db";
import type { ReleaseJob } from "@pier/queue";
import type { Queue } from "bullmq";
import { findAccessibleApp } from "./app-access.js";
import { recordAudit } from "./audit.js";
import type { Actor, Deps } from "./deps.js";
import { UseCaseError } from "./errors.js";
import { releaseCurrentImage } from "./release-current-image.js";
import { decryptValue, encryptValue, secretKey } from "./secret-box.js";

export type ReleaseDeps = Deps & { releaseQueue: Queue<ReleaseJob> };

const KEY = /^[A-Za-z_][A-Za-z0-9_]{0,199}$/;
const MAX_VALUE_BYTES = 64 * 1024;
const MAX_VARS = 500;

export async function getConfigVars(params: { app: string }, actor: Actor, deps: Pick<Deps, "prisma" | "config">): Promise<Record<string, string>> {
  const app = await findAccessibleApp(params.app, actor, deps);
  const key = await secretKey(deps.config);
  const rows = await deps.prisma.configVar.findMany({ where: { appId: app.id }, orderBy: { key: "asc" } });
  return Object.fromEntries(rows.map((r) => [r.key, decryptValue(key, r.value)]));
}

/** Heroku's PATCH: `{KEY: "value"}` sets, `{KEY: null}` unsets; every other key stays. */
export function checkConfigChanges(changes: Record<string, unknown>): Record<string, string | null> {
  const entries = Object.entries(changes);
  if (entries.length > MAX_VARS) throw new UseCaseError("invalid_params", `An app can have at most ${MAX_VARS} config vars.`);
  if (entries.length === 0) throw new UseCaseError("invalid_params", "No config vars given: send {\"KEY\": \"value\"} or {\"KEY\": null}.");
  for (const [k, v] of entries) {
    if (!KEY.test(k)) throw new UseCaseError("invalid_params", `"${k.slice(0, 50)}" is not a config var name: use letters, digits and _ (not first), up to 200.`);
    if (v !== null && typeof v !== "string") throw new UseCaseError("invalid_params", `${k} must be a string, or null to unset it.`);
    if (typeof v === "string" && Buffer.byteLength(v) > MAX_VALUE_BYTES) throw new UseCaseError("invalid_params", `${k} is longer than ${MAX_VALUE_BYTES} bytes.`);
    if (k === "PORT" || k === "DYNO") throw new UseCaseError("invalid_params", `${k} is set by Pier for each instance.`);
  }
  return changes as Record<string, string | null>;
}

export interface ConfigChange {
  vars: Record<string, string>;
  release: Release;
}

/**
 * Applies the changes and makes a new release from the current image with the new config; the
 * worker deploys it (a rolling restart). Values are encrypted before they reach the database.
 */
export async function updateConfigVars(
  params: { app: string; changes: Record<string, unknown> },
  actor: Actor,
  deps: ReleaseDeps,
): Promise<ConfigChange> {
  const changes = checkConfigChanges(params.changes);
  const app = await findAccessibleApp(params.app, actor, deps);
  const key = await secretKey(deps.config);
  await deps.prisma.$transaction(async (tx) => {
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) await tx.configVar.deleteMany({ where: { appId: app.id, key: k } });
      else {
        const value = encryptValue(key, v);
        await tx.configVar.upsert({ where: { appId_key: { appId: app.id, key: k } }, create: { appId: app.id, key: k, value }, update: { value } });
      }
    }
    if ((await tx.configVar.count({ where: { appId: app.id } })) > MAX_VARS) {
      throw new UseCaseError("invalid_params", `An app can have at most ${MAX_VARS} config vars.`);
    }
  }, { timeout: 30_000 });
  const set = Object.keys(changes).filter((k) => changes[k] !== null);
  const unset = Object.keys(changes).filter((k) => changes[k] === null);
  const description = [set.length ? `Set ${set.join(", ")} config vars` : "", unset.length ? `Remove ${unset.join(", ")} config vars` : ""]
    .filter(Boolean)
    .join("; ");
  await recordAudit({ action: "config.update", app, details: { set, unset } }, actor, deps);
  const release = await releaseCurrentImage({ app, description: description.slice(0, 500) }, actor, deps);
  return { vars: await getConfigVars({ app: app.id }, actor, deps), release };
}
