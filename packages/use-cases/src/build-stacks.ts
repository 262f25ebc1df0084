import { BUILDER_CA_BUNDLE } from "@pier/build-runner";
import type { PierConfig } from "@pier/config";
import type { BindMount } from "@pier/docker";

/** infra/stack/build-node.sh's image. */
export const NODE_STACK_IMAGE = "pier/stack-node:18";

/** Stack name -> image, as build plans name them. The Python stack's tag is its version. */
export function buildStacks(config: Pick<PierConfig, "stackImage">): Record<string, string> {
  const version = /:(\d+\.\d+)$/.exec(config.stackImage)?.[1] ?? "3.11";
  return { [`python-${version}`]: config.stackImage, "node-18": NODE_STACK_IMAGE };
}

/** The host's CA bundle, read-only in builders: package registries' TLS goes through it. */
export const builderMounts = (config: Pick<PierConfig, "caBundle">): BindMount[] => [
  { hostPath: config.caBundle, containerPath: BUILDER_CA_BUNDLE, readOnly: true },
];

/** The per-app Docker volume that keeps pip wheels and npm's cache between builds. */
export const buildCacheVolume = (appId: string) => `pier-build-cache-${appId}`;
