import type Docker from "dockerode";
import { dockerStatus } from "@pier/docker";

/**
 * Untags an app's dependency layers other than `keep` (made by earlier dependency files). The
 * app images built on them keep their layers; only the tags that offered them for reuse go.
 */
export async function pruneDependencyLayers(docker: Docker, repo: string, keep: string): Promise<void> {
  const images = await docker.listImages({ filters: JSON.stringify({ reference: [`${repo}:deps-*`] }) });
  for (const tag of images.flatMap((i) => i.RepoTags ?? []).filter((t) => t !== keep)) {
    try {
      await docker.getImage(tag).remove({ noprune: false });
    } catch (err) {
      // Gone already (another cleanup) or still used by a container: both are fine to leave.
      if (dockerStatus(err) !== 404 && dockerStatus(err) !== 409) throw err;
    }
  }
}
