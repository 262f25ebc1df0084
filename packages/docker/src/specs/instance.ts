import type { ContainerCreateOptions } from "dockerode";
import { LABEL } from "../labels.js";
import { envList } from "./env.js";

/** Resource limits of an instance size (see @pier/placement-core's SIZES). */
export interface InstanceLimits {
  memoryBytes: number;
  nanoCpus: number;
  pids: number;
}

export interface InstanceSpecInput {
  name: string;
  image: string;
  cmd: string[];
  env: Record<string, string>;
  labels: Record<string, string>;
  /** PORT inside the container; published at a port Docker picks. */
  port: number;
  /** Address the port is published on: loopback when the router runs beside the engine. */
  publishIp?: string;
  limits?: InstanceLimits;
  /** Networks joined besides the default bridge before the process starts (the app's network: add-ons). */
  networks?: string[];
}

/**
 * App processes run as this numeric user, not root. The stack image has no such user: the app's
 * files stay root-owned and read-only to it, and HOME points at /tmp so tools that write there work.
 */
export const INSTANCE_USER = "10001:10001";

/** An app instance: PORT set, its port published for the router, limits of its size, no root. */
export function instanceContainerSpec(i: InstanceSpecInput): ContainerCreateOptions {
  const port = `${i.port}/tcp`;
  return {
    name: i.name,
    Image: i.image,
    Cmd: i.cmd,
    User: INSTANCE_USER,
    Env: envList({ HOME: "/tmp", ...i.env, PORT: String(i.port) }),
    Labels: { ...i.labels, [LABEL.role]: "instance" },
    ExposedPorts: { [port]: {} },
    HostConfig: {
      // An init process reaps zombies and passes SIGTERM on to the app.
      Init: true,
      PortBindings: { [port]: [{ HostIp: i.publishIp ?? "127.0.0.1", HostPort: "" }] },
      // The reconciler restarts crashed instances, with backoff; Docker must not race it.
      RestartPolicy: { Name: "no" },
      CapDrop: ["ALL"],
      SecurityOpt: ["no-new-privileges"],
      ...(i.limits
        ? {
            Memory: i.limits.memoryBytes,
            // Same as Memory: no swap, so an instance over its size is killed instead of thrashing.
            MemorySwap: i.limits.memoryBytes,
            NanoCpus: i.limits.nanoCpus,
            PidsLimit: i.limits.pids,
          }
        : {}),
    },
  };
}
