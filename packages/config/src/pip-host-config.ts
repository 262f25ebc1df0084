import type { PipSettings } from "./parse-config.js";

/**
 * Reads `pip config list` output. When the operator set no PIER_PIP_* settings, builds use the
 * host's own pip configuration, so a machine with a local mirror builds without extra setup.
 * The first extra index becomes the main index when the host names none, so that pip never
 * waits on an index it cannot reach.
 */
export function pipSettingsFromPipConfigList(text: string): PipSettings | undefined {
  const values = new Map<string, string>();
  for (const line of text.split("\n")) {
    const m = /^(?:global|install|:env:)\.([a-z-]+)='(.*)'$/.exec(line.trim());
    if (m && !values.has(m[1]!)) values.set(m[1]!, m[2]!);
  }
  const split = (v: string | undefined) => (v ?? "").split(/\s+/).filter(Boolean);
  const extra = split(values.get("extra-index-url"));
  const findLinks = split(values.get("find-links"));
  const index = values.get("index-url") ?? extra.shift();
  if (!index) return undefined;
  return { indexUrl: index, extraIndexUrls: extra, findLinks };
}
