import { type Release } from "@pier/db";
import type { Deps } from "./deps.js";
import { isUniqueViolation } from "./unique-violation.js";

export interface CreateReleaseParams {
  appId: string;
  buildId?: string;
  userId?: string | null;
  /** Null for a release made before anything was deployed (config set on a new app). */
  imageTag: string | null;
  status?: "pending" | "succeeded";
  processTypes: Record<string, string[]>;
  description: string;
}

/** Releases are immutable and numbered per app; the config is copied in as it is now. */
export async function createRelease(params: CreateReleaseParams, deps: Pick<Deps, "prisma">): Promise<Release> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await deps.prisma.$transaction(async (tx) => {
        const last = await tx.release.findFirst({ where: { appId: params.appId }, orderBy: { version: "desc" } });
        const vars = await tx.configVar.findMany({ where: { appId: params.appId } });
        return tx.release.create({
          data: {
            appId: params.appId,
            version: (last?.version ?? 0) + 1,
            buildId: params.buildId ?? null,
            userId: params.userId ?? null,
            imageTag: params.imageTag,
            config: Object.fromEntries(vars.map((v) => [v.key, v.value])),
            processTypes: params.processTypes,
            description: params.description,
            status: params.status ?? "pending",
          },
        });
      });
    } catch (err) {
      // Two releases raced for the same number: take the next one.
      const raced = isUniqueViolation(err);
      if (!raced || attempt >= 5) throw err;
    }
  }
}
