import type { PipSettings } from "@pier/build-core";
import type { BindMount } from "@pier/docker";

/** Host path of a file:// URL or an absolute path; undefined for network locations. */
function localPath(location: string): string | undefined {
  if (location.startsWith("/")) return location;
  if (!location.startsWith("file:")) return undefined;
  return decodeURIComponent(new URL(location).pathname);
}

function trimSlashes(path: string): string {
  return path.replace(/\/+$/, "") || "/";
}

/**
 * Read-only bind mounts, at the same path, for the package locations on the host that pip in
 * the builder must read: file:// indexes and find-links directories. A PEP 503 index directory
 * named "simple" links to its files relative to itself (`../../files/x.whl` on this project's
 * mirrors), so its parent is mounted. Nested paths are covered by their ancestor's mount.
 */
export function pipMounts(pip: PipSettings): BindMount[] {
  const paths = new Set<string>();
  for (const index of [pip.indexUrl, ...pip.extraIndexUrls]) {
    const path = localPath(index);
    if (path === undefined) continue;
    const dir = trimSlashes(path);
    paths.add(dir.endsWith("/simple") ? trimSlashes(dir.slice(0, -"/simple".length)) : dir);
  }
  for (const link of pip.findLinks) {
    const path = localPath(link);
    if (path !== undefined) paths.add(trimSlashes(path));
  }
  if (paths.has("/")) {
    throw new Error("A pip index or find-links location resolves to /, which cannot be mounted into builders; point it at a directory");
  }
  const sorted = [...paths].sort();
  const kept = sorted.filter((p) => !sorted.some((q) => q !== p && p.startsWith(`${q}/`)));
  return kept.map((p) => ({ hostPath: p, containerPath: p, readOnly: true }));
}
