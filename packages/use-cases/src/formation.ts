import type { Formation } from "@pier/db";
import { findSize, placeInstances, SIZES } from "@pier/placement-core";
import { findAccessibleApp } from "./app-access.js";
import { recordAudit } from "./audit.js";
import { currentRelease } from "./current-release.js";
import type { Actor, Deps } from "./deps.js";
import { UseCaseError } from "./errors.js";
import { placementHosts } from "./placement-input.js";
import { resolveQuantity } from "./quantity.js";

export interface FormationUpdate {
  type: string;
  quantity?: number | string;
  size?: string;
}

export type FormationWithCommand = Formation & { command: string[] | null };

const PROCESS_TYPE = /^[a-z][a-z0-9_-]{0,29}$/;

export async function listFormation(params: { app: string }, actor: Actor, deps: Pick<Deps, "prisma">): Promise<FormationWithCommand[]> {
  const app = await findAccessibleApp(params.app, actor, deps);
  const [rows, release] = await Promise.all([
    deps.prisma.formation.findMany({ where: { appId: app.id }, orderBy: { type: "asc" } }),
    currentRelease(app.id, deps),
  ]);
  const commands = (release?.processTypes ?? {}) as Record<string, string[]>;
  return rows.map((f) => ({ ...f, command: commands[f.type] ?? null }));
}

/**
 * `pier ps:scale web=3 worker=+1`, `pier ps:resize web=standard`: changes the desired formation,
 * which the reconciler then converges. Refused, with the reason, when the new instances would
 * not fit on any host.
 */
export async function updateFormation(params: { app: string; updates: FormationUpdate[] }, actor: Actor, deps: Pick<Deps, "prisma">): Promise<FormationWithCommand[]> {
  const app = await findAccessibleApp(params.app, actor, deps);
  if (params.updates.length === 0) throw new UseCaseError("invalid_params", "Nothing to change: give at least one process type.");
  const [existing, release] = await Promise.all([deps.prisma.formation.findMany({ where: { appId: app.id } }), currentRelease(app.id, deps)]);
  const defined = release ? Object.keys(release.processTypes as object) : undefined;
  const changes = params.updates.map((u) => {
    if (!PROCESS_TYPE.test(u.type)) throw new UseCaseError("invalid_params", `"${u.type}" is not a process type name.`);
    if (defined && !defined.includes(u.type)) {
      throw new UseCaseError("invalid_params", `No ${u.type} process type: release v${release!.version} defines ${defined.join(", ") || "none"} (see its Procfile).`);
    }
    const current = existing.find((f) => f.type === u.type);
    const size = u.size === undefined ? (current?.size ?? "basic") : findSize(u.size)?.name;
    if (!size) throw new UseCaseError("invalid_params", `No size "${u.size}": choose one of ${SIZES.map((s) => s.name).join(", ")}.`);
    const resolved = u.quantity === undefined ? { quantity: current?.quantity ?? 0 } : resolveQuantity(u.quantity, current?.quantity ?? 0);
    if ("error" in resolved) throw new UseCaseError("invalid_params", `${u.type}: ${resolved.error}`);
    // A resize replaces every instance; a scale adds only the difference.
    const adding = size !== current?.size ? resolved.quantity : Math.max(0, resolved.quantity - (current?.quantity ?? 0));
    return { type: u.type, quantity: resolved.quantity, size, adding };
  });
  if (release) await refuseWhatDoesNotFit(app.id, changes, deps);
  await deps.prisma.$transaction(
    changes.map((c) =>
      deps.prisma.formation.upsert({
        where: { appId_type: { appId: app.id, type: c.type } },
        create: { appId: app.id, type: c.type, quantity: c.quantity, size: c.size },
        update: { quantity: c.quantity, size: c.size },
      }),
    ),
  );
  await recordAudit({ action: "formation.update", app, details: { changes: changes.map((c) => `${c.type}=${c.quantity}:${c.size}`) } }, actor, deps);
  return listFormation(params, actor, deps);
}

async function refuseWhatDoesNotFit(appId: string, changes: { type: string; size: string; adding: number }[], deps: Pick<Deps, "prisma">): Promise<void> {
  const requests = changes.filter((c) => c.adding > 0).map((c) => ({ group: `${appId}/${c.type}`, count: c.adding, memoryBytes: findSize(c.size)!.memoryBytes }));
  if (requests.length === 0) return;
  const placed = placeInstances({ ...(await placementHosts(deps)), requests });
  if (!placed.ok) throw new UseCaseError("invalid_params", `Cannot scale ${placed.group.split("/")[1]}: ${placed.reason}.`);
}
