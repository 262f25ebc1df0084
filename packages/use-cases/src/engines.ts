import { connectDocker, dockerConnectionOptions, dockerStatus } from "@pier/docker";
import type { Host } from "@pier/db";
import Docker from "dockerode";
import type { EngineDeps } from "./deps.js";
import { LOCAL_HOST_NAME } from "./local-host.js";

const clients = new Map<string, Docker>();
/** A new engine must answer this fast to be added. */
const PROBE_TIMEOUT_MS = 5000;

type EngineAddress = Pick<Host, "dockerUrl" | "tlsCa" | "tlsCert" | "tlsKey">;

/** A Docker client for an engine address; TLS client credentials make a tcp:// address speak https. */
function newClient(host: EngineAddress, timeoutMs?: number): Docker {
  const options = dockerConnectionOptions(host.dockerUrl);
  if (host.tlsCert && host.tlsKey) return new Docker({ ...options, protocol: "https", ca: host.tlsCa ?? undefined, cert: host.tlsCert, key: host.tlsKey, timeout: timeoutMs });
  return timeoutMs ? new Docker({ ...options, timeout: timeoutMs }) : connectDocker(host.dockerUrl);
}

/** The Docker client of a host: the local engine is the worker's own; others are cached by address. */
export function engineFor(host: Pick<Host, "id" | "name"> & EngineAddress, deps: Pick<EngineDeps, "docker">): Docker {
  if (host.name === LOCAL_HOST_NAME) return deps.docker;
  const key = `${host.id}|${host.dockerUrl}|${host.tlsCert ?? ""}`;
  let client = clients.get(key);
  if (!client) {
    client = newClient(host);
    clients.set(key, client);
  }
  return client;
}

/** Reaches an engine that is not registered yet and reads its capacity. */
export async function probeEngine(host: EngineAddress): Promise<{ cpus: number | null; memoryBytes: bigint | null }> {
  const info = (await newClient(host, PROBE_TIMEOUT_MS).info()) as { NCPU?: number; MemTotal?: number };
  return { cpus: info.NCPU ?? null, memoryBytes: info.MemTotal !== undefined ? BigInt(info.MemTotal) : null };
}

/**
 * Makes `imageTag` present on `target`: without a registry, the image is streamed from the
 * engine that built it (`docker save`) into the target (`docker load`). An image the target
 * already has is not sent again.
 */
export async function ensureImage(source: Docker, target: Docker, imageTag: string): Promise<void> {
  if (source === target) return;
  try {
    await target.getImage(imageTag).inspect();
    return;
  } catch (err) {
    if (dockerStatus(err) !== 404) throw err;
  }
  const tar = await source.getImage(imageTag).get();
  const response = await target.loadImage(tar, { quiet: true });
  // The load is done when the engine finishes its response.
  await new Promise<void>((resolve, reject) => {
    response.on("end", resolve);
    response.on("error", reject);
    response.resume();
  });
  await target.getImage(imageTag).inspect();
}

/** The Docker engine next to this process (the API runs one-offs through it and reaches other hosts' engines). */
export const localEngine = (config: { dockerSocket: string }): Docker => connectDocker(config.dockerSocket);
