import type { ContainerCreateOptions, MountSettings } from "dockerode";
import { LABEL } from "../labels.js";

export interface BindMount {
  hostPath: string;
  containerPath: string;
  readOnly: boolean;
}

export interface BuilderSpecInput {
  name: string;
  image: string;
  labels: Record<string, string>;
  memoryBytes: number;
  /** Host paths the build reads, e.g. a file:// package index or a CA bundle. */
  mounts: BindMount[];
  /** Volume mounted at /cache (kept between builds of an app); anonymous when absent. */
  cacheVolume?: string;
}

/** The main process of a builder only keeps the container up: build steps run as execs. */
export const BUILDER_CMD = ["sleep", "infinity"];

/**
 * A builder container: idles while Pier execs the plan's steps in /app, then is committed.
 * /cache is a volume so caches never end up in the committed image.
 */
export function builderContainerSpec(i: BuilderSpecInput): ContainerCreateOptions {
  const mounts: MountSettings[] = i.mounts.map((m) => ({
    Type: "bind",
    Source: m.hostPath,
    Target: m.containerPath,
    ReadOnly: m.readOnly,
  }));
  mounts.push({ Type: "volume", Source: i.cacheVolume ?? "", Target: "/cache" });
  return {
    name: i.name,
    Image: i.image,
    Cmd: BUILDER_CMD,
    WorkingDir: "/app",
    Labels: { ...i.labels, [LABEL.role]: "build" },
    HostConfig: {
      Init: true,
      Memory: i.memoryBytes,
      // Same as Memory: no swap, so a runaway build fails instead of thrashing the host.
      MemorySwap: i.memoryBytes,
      Mounts: mounts,
    },
  };
}
