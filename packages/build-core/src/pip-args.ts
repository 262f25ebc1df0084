import type { PipSettings } from "./types.js";

/** pip's index options, from operator configuration, as separate argv elements. */
export function pipIndexArgs(pip: PipSettings): string[] {
  return [
    "--index-url", pip.indexUrl,
    ...pip.extraIndexUrls.flatMap((url) => ["--extra-index-url", url]),
    ...pip.findLinks.flatMap((link) => ["--find-links", link]),
  ];
}
