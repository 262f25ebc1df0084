import { KINDS, type AddonKind } from "./kinds.js";
import type { AddonPlan } from "./plans.js";

/** Where the image keeps data (owned by pierdata, uid 10002): the named volume mounts here. */
export const DATA_DIR = "/var/lib/pier-data";
export const DATA_USER = "10002:10002";

export interface AddonSpecInput {
  kind: AddonKind;
  plan: AddonPlan;
  image: string;
  containerName: string;
  volumeName: string;
  networkName: string;
  /** Host name on the network (the add-on's name). */
  alias: string;
  username: string;
  password: string;
  databaseName: string;
  labels: Record<string, string>;
  /**
   * For attached apps' instances on other hosts: the server's port published on this host's
   * address only (never 0.0.0.0), at a port fixed for the add-on so its URL stays valid.
   */
  publish?: { ip: string; port: number } | undefined;
}

/**
 * Docker create options (the dockerode shape) for an add-on's server: data on the named volume,
 * on the app's network (plus, with `publish`, its port on the host's own address), the plan's
 * limits, no capabilities, restarted by Docker when it dies or the engine restarts. The password
 * is read by the entrypoint on first start only; rotation happens inside the server.
 */
export function addonContainerSpec(i: AddonSpecInput) {
  const kind = KINDS[i.kind];
  const memory = i.plan.memoryMb * 1024 * 1024;
  const env = {
    PIER_ADDON_KIND: i.kind,
    PIER_ADDON_USER: i.username,
    PIER_ADDON_PASSWORD: i.password,
    PIER_ADDON_DATABASE: i.databaseName,
    PIER_ADDON_MAX_CONNECTIONS: String(i.plan.maxConnections),
    PIER_ADDON_MEMORY_MB: String(i.plan.memoryMb),
  };
  const port = `${kind.port}/tcp`;
  return {
    name: i.containerName,
    Image: i.image,
    Cmd: [kind.entrypoint],
    User: DATA_USER,
    Env: Object.entries(env).map(([k, v]) => `${k}=${v}`),
    Labels: i.labels,
    StopSignal: kind.stopSignal,
    StopTimeout: 30,
    ...(i.publish ? { ExposedPorts: { [port]: {} } } : {}),
    HostConfig: {
      Init: true,
      Mounts: [{ Type: "volume" as const, Source: i.volumeName, Target: DATA_DIR }],
      NetworkMode: i.networkName,
      RestartPolicy: { Name: "unless-stopped" },
      Memory: memory,
      MemorySwap: memory,
      NanoCpus: i.plan.nanoCpus,
      PidsLimit: i.plan.pids,
      CapDrop: ["ALL"],
      SecurityOpt: ["no-new-privileges"],
      // PostgreSQL's shared memory lives in /dev/shm; Docker's 64 MB default is too small for big plans.
      ShmSize: Math.max(64 * 1024 * 1024, Math.floor(memory / 4)),
      ...(i.publish ? { PortBindings: { [port]: [{ HostIp: i.publish.ip, HostPort: String(i.publish.port) }] } } : {}),
    },
    NetworkingConfig: { EndpointsConfig: { [i.networkName]: { Aliases: [i.alias] } } },
  };
}

export type AddonContainerSpec = ReturnType<typeof addonContainerSpec>;
