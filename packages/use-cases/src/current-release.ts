import type { Release } from "@pier/db";
import type { Deps } from "./deps.js";

/** The release that serves: the newest one whose deploy switched routes to it. */
export function currentRelease(appId: string, deps: Pick<Deps, "prisma">): Promise<Release | null> {
  return deps.prisma.release.findFirst({ where: { appId, status: "succeeded" }, orderBy: { version: "desc" } });
}
