import { DeployError, deployRelease } from "./deploy-release.js";
import type { EngineDeps } from "./deps.js";

export type QueuedReleaseOutcome = "succeeded" | "failed" | "skipped";

/**
 * The worker's side of a release the API made (config change, rollback): deploy it and record
 * the outcome on the release, which is what `pier releases` shows. A deploy that fails leaves the
 * previous release serving.
 */
export async function deployQueuedRelease(params: { releaseId: string }, deps: EngineDeps): Promise<QueuedReleaseOutcome> {
  const release = await deps.prisma.release.findUnique({ where: { id: params.releaseId } });
  if (!release || release.status !== "pending") return "skipped";
  try {
    await deployRelease(release, { ...deps, onOutput: (line) => deps.log?.(`release ${release.id}: ${line}`) });
  } catch (err) {
    if (!(err instanceof DeployError)) {
      await deps.prisma.release.update({ where: { id: release.id }, data: { status: "failed", error: `Pier could not deploy: ${(err as Error).message}` } });
      throw err;
    }
    await deps.prisma.release.update({ where: { id: release.id }, data: { status: "failed", error: err.message } });
    return "failed";
  }
  await deps.prisma.release.update({ where: { id: release.id }, data: { status: "succeeded" } });
  return "succeeded";
}
