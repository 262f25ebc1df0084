import type { App } from "@pier/db";
import type { Deps } from "@pier/use-cases";
import { presentApp } from "./app.js";

/** Apps with their owner's email and last release time, in two queries however many apps. */
export async function appViews(apps: App[], deps: Pick<Deps, "prisma" | "config">) {
  const ids = apps.map((a) => a.id);
  const [owners, released] = await Promise.all([
    deps.prisma.user.findMany({ where: { id: { in: apps.map((a) => a.ownerId) } }, select: { id: true, email: true } }),
    deps.prisma.release.groupBy({ by: ["appId"], where: { appId: { in: ids }, status: "succeeded" }, _max: { createdAt: true } }),
  ]);
  const emailOf = new Map(owners.map((o) => [o.id, o.email]));
  const releasedAt = new Map(released.map((r) => [r.appId, r._max.createdAt]));
  return apps.map((a) => presentApp(a, deps.config, { ownerEmail: emailOf.get(a.ownerId), releasedAt: releasedAt.get(a.id) }));
}

export const appView = async (app: App, deps: Pick<Deps, "prisma" | "config">) => (await appViews([app], deps))[0]!;
