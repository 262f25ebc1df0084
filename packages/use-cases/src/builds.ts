import type { App, Build } from "@pier/db";
import { findAccessibleApp } from "./app-access.js";
import type { Actor, Deps } from "./deps.js";
import { notFound } from "./errors.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An app's builds, newest first (the output text is left out: it can be large). */
export async function listBuilds(params: { app: string }, actor: Actor, deps: Pick<Deps, "prisma">): Promise<{ app: App; builds: Build[] }> {
  const app = await findAccessibleApp(params.app, actor, deps);
  const builds = await deps.prisma.build.findMany({ where: { appId: app.id }, orderBy: { createdAt: "desc" }, take: 1000, omit: { output: true } });
  return { app, builds: builds as Build[] };
}

/** One build of an app, by id (or a unique id prefix of 8+ characters, as `pier builds` shows). */
export async function getBuild(params: { app: string; build: string }, actor: Actor, deps: Pick<Deps, "prisma">): Promise<{ app: App; build: Build }> {
  const app = await findAccessibleApp(params.app, actor, deps);
  let build: Build | null = null;
  if (UUID.test(params.build)) build = await deps.prisma.build.findFirst({ where: { id: params.build, appId: app.id } });
  else if (/^[0-9a-f-]{8,36}$/i.test(params.build)) {
    const matches = (await deps.prisma.build.findMany({ where: { appId: app.id }, select: { id: true } })).filter((b) => b.id.startsWith(params.build.toLowerCase()));
    if (matches.length === 1) build = await deps.prisma.build.findUnique({ where: { id: matches[0]!.id } });
  }
  if (!build) throw notFound("build");
  return { app, build };
}
