import type Docker from "dockerode";

/** Image configuration set at commit time (Docker merges the container's for what is left out). */
export interface ImageConfig {
  Cmd: string[];
  Env: string[];
  WorkingDir: string;
  Labels: Record<string, string>;
}

/**
 * Commits a container's filesystem as `repo:tag` with `config`; returns the image id. Pausing
 * (the default) freezes a running container for a consistent copy; a builder whose steps have
 * all finished has nothing running to freeze, and a created one cannot be paused.
 */
export async function commitContainer(
  docker: Docker,
  containerId: string,
  target: { repo: string; tag: string },
  config: ImageConfig,
  opts: { pause?: boolean } = {},
): Promise<string> {
  // dockerode sends `_query` as the query string and `_body` as the JSON body (the config).
  const result = (await docker.getContainer(containerId).commit({
    _query: { container: containerId, repo: target.repo, tag: target.tag, pause: opts.pause ?? true },
    _body: config,
  })) as { Id?: string };
  if (!result.Id) throw new Error(`Docker committed ${containerId} but returned no image id`);
  return result.Id;
}

/** "pier/hello:b-1" -> { repo: "pier/hello", tag: "b-1" }; no tag means "latest". */
export function splitImageTag(imageTag: string): { repo: string; tag: string } {
  const slash = imageTag.lastIndexOf("/");
  const colon = imageTag.lastIndexOf(":");
  if (colon > slash) return { repo: imageTag.slice(0, colon), tag: imageTag.slice(colon + 1) };
  return { repo: imageTag, tag: "latest" };
}
