import type { Host, Instance, Release } from "@pier/db";
import { findAccessibleApp } from "./app-access.js";
import { recordAudit } from "./audit.js";
import type { Actor, Deps } from "./deps.js";
import { notFound } from "./errors.js";

export type Dyno = Instance & { host: Host; release: Release };

/** The app's instances as `pier ps` shows them (stopped ones are on their way out). */
export async function listDynos(params: { app: string }, actor: Actor, deps: Pick<Deps, "prisma">): Promise<Dyno[]> {
  const app = await findAccessibleApp(params.app, actor, deps);
  return deps.prisma.instance.findMany({
    where: { appId: app.id, state: { not: "stopped" } },
    include: { host: true, release: true },
    orderBy: [{ type: "asc" }, { number: "asc" }, { createdAt: "asc" }],
  });
}

/**
 * `pier ps:restart [TYPE|TYPE.N]`: each chosen instance gets a replacement, which the reconciler
 * starts and health-checks before stopping the old one, so a restart drops no request.
 */
export async function restartDynos(params: { app: string; target?: string }, actor: Actor, deps: Pick<Deps, "prisma">): Promise<number> {
  const app = await findAccessibleApp(params.app, actor, deps);
  const match = params.target ? /^([a-z][a-z0-9_-]*)(?:\.(\d+))?$/.exec(params.target) : null;
  if (params.target && !match) throw notFound("process type or dyno");
  const where = {
    appId: app.id,
    state: { in: ["starting", "up", "crashed"] as Instance["state"][] },
    ...(match ? { type: match[1]!, ...(match[2] ? { number: Number(match[2]) } : {}) } : {}),
  };
  const { count } = await deps.prisma.instance.updateMany({ where, data: { replaceRequested: true } });
  if (params.target && count === 0) throw notFound(`dyno ${params.target}`);
  await recordAudit({ action: "dyno.restart", app, details: { target: params.target ?? "all", count } }, actor, deps);
  return count;
}
