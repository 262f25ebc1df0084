import type { ContainerCreateOptions } from "dockerode";
import { LABEL } from "../labels.js";
import { envList } from "./env.js";

export interface InstanceSpecInput {
  name: string;
  image: string;
  cmd: string[];
  env: Record<string, string>;
  labels: Record<string, string>;
  /** PORT inside the container; published on 127.0.0.1 at a port Docker picks. */
  port: number;
  memoryBytes?: number;
}

/** An app instance: PORT set, its port published on loopback only (the router is its one client). */
export function instanceContainerSpec(i: InstanceSpecInput): ContainerCreateOptions {
  const port = `${i.port}/tcp`;
  return {
    name: i.name,
    Image: i.image,
    Cmd: i.cmd,
    Env: envList({ ...i.env, PORT: String(i.port) }),
    Labels: { ...i.labels, [LABEL.role]: "instance" },
    ExposedPorts: { [port]: {} },
    HostConfig: {
      // An init process reaps zombies and passes SIGTERM on to the app.
      Init: true,
      PortBindings: { [port]: [{ HostIp: "127.0.0.1", HostPort: "" }] },
      // The reconciler restarts crashed instances, with backoff; Docker must not race it.
      RestartPolicy: { Name: "no" },
      ...(i.memoryBytes !== undefined ? { Memory: i.memoryBytes } : {}),
    },
  };
}
