import type { ContainerCreateOptions } from "dockerode";
import { envList } from "./env.js";

export interface OneOffSpecInput {
  name: string;
  image: string;
  cmd: string[];
  env: Record<string, string>;
  labels: Record<string, string>;
  memoryBytes: number;
  /** A network to run on instead of the default bridge (the app's network, to reach its add-ons). */
  networkMode?: string;
}

/** A container that runs one command to completion (the release phase), output attached. */
export function oneOffContainerSpec(i: OneOffSpecInput): ContainerCreateOptions {
  return {
    name: i.name,
    Image: i.image,
    Cmd: i.cmd,
    Env: envList(i.env),
    WorkingDir: "/app",
    Labels: i.labels,
    AttachStdout: true,
    AttachStderr: true,
    Tty: false,
    HostConfig: { Init: true, Memory: i.memoryBytes, MemorySwap: i.memoryBytes, ...(i.networkMode ? { NetworkMode: i.networkMode } : {}) },
  };
}
