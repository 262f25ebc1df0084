import type { PierConfig } from "@pier/config";

/** Stack name -> image, as build plans name them. The Python stack's tag is its version. */
export function buildStacks(config: Pick<PierConfig, "stackImage">): Record<string, string> {
  const version = /:(\d+\.\d+)$/.exec(config.stackImage)?.[1] ?? "3.11";
  return { [`python-${version}`]: config.stackImage };
}

/** The per-app Docker volume that keeps pip wheels and npm's cache between builds. */
export const buildCacheVolume = (appId: string) => `pier-build-cache-${appId}`;
