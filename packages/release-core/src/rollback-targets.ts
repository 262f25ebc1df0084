/** App images kept per app: its last few distinct release images, the rollback targets. */
export const KEPT_RELEASE_IMAGES = 5;

export interface ReleaseImage {
  version: number;
  imageTag: string | null;
  status: string;
}

/**
 * The image tags the artifact cleanup keeps for an app: those of its newest `keep` distinct
 * release images. Images outside this set are pruned, so their releases cannot be rolled back to.
 */
export function keptReleaseImages(releases: readonly ReleaseImage[], keep = KEPT_RELEASE_IMAGES): Set<string> {
  const kept = new Set<string>();
  for (const r of [...releases].sort((a, b) => b.version - a.version)) {
    if (kept.size >= keep) break;
    if (r.imageTag !== null) kept.add(r.imageTag);
  }
  return kept;
}

/** Why a release cannot be rolled back to, or null when it can. */
export function rollbackRefusal(target: ReleaseImage, kept: ReadonlySet<string>): string | null {
  if (target.imageTag === null) return `v${target.version} has no image to run (a config-only release before the first build)`;
  if (target.status !== "succeeded") return `v${target.version} never deployed (its status is ${target.status})`;
  if (!kept.has(target.imageTag)) {
    return `v${target.version}'s image is no longer kept: Pier keeps the images of each app's last ${KEPT_RELEASE_IMAGES} releases. Push that code again to deploy it`;
  }
  return null;
}
