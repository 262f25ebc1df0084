import { connectDocker, dockerConnectionOptions, dockerStatus, errorMessage, pullImage, pushImage } from "@pier/docker";
import type { Host } from "@pier/db";
import Docker from "dockerode";
import type { EngineDeps } from "./deps.js";
import { imageRoute } from "./image-route.js";
import { LOCAL_HOST_NAME } from "./local-host.js";

const clients = new Map<string, Docker>();
/** A new engine must answer this fast to be added. */
const PROBE_TIMEOUT_MS = 5000;

type EngineAddress = Pick<Host, "dockerUrl" | "tlsCa" | "tlsCert" | "tlsKey">;

/** A Docker client for an engine address; TLS credentials (a CA, a client certificate) make a tcp:// address speak https. */
function newClient(host: EngineAddress, timeoutMs?: number): Docker {
  const options = dockerConnectionOptions(host.dockerUrl);
  if (host.tlsCa || (host.tlsCert && host.tlsKey)) {
    return new Docker({ ...options, protocol: "https", ca: host.tlsCa ?? undefined, cert: host.tlsCert ?? undefined, key: host.tlsKey ?? undefined, timeout: timeoutMs });
  }
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

/** Images this process pushed to the registry (by reference): a push happens once per image. */
const pushes = new Map<string, Promise<void>>();

function pushOnce(source: Docker, imageTag: string, ref: string): Promise<void> {
  const pending = pushes.get(ref);
  if (pending) return pending;
  const push = pushImage(source, imageTag, ref);
  // A failed push is tried again by the next instance that needs the image.
  push.catch(() => pushes.delete(ref));
  pushes.set(ref, push);
  return push;
}

/**
 * Makes `imageTag` present on `target`, from the engine that built it (this process's own,
 * `deps.docker`): through the registry when one is configured (PIER_REGISTRY: pushed once, pulled
 * by each host), else streamed (`docker save` into the target's `docker load`). An image the
 * target already has is not sent again.
 */
export async function ensureImage(target: Docker, imageTag: string, deps: Pick<EngineDeps, "docker" | "config">): Promise<void> {
  const source = deps.docker;
  const route = imageRoute({ imageTag, sameEngine: source === target, targetHasImage: source !== target && (await hasImage(target, imageTag)), registry: deps.config.registry });
  if (route.kind === "present") return;
  if (route.kind === "registry") {
    await pushOnce(source, imageTag, route.pushRef);
    try {
      await pullImage(target, route.pullRef, imageTag);
    } catch (err) {
      // The registry may have lost the image since this process pushed it (garbage collection, a
      // new registry): push it again (layers it has are skipped) and pull once more.
      pushes.delete(route.pushRef);
      await pushOnce(source, imageTag, route.pushRef);
      await pullImage(target, route.pullRef, imageTag).catch((again: unknown) => {
        throw new Error(`${errorMessage(again)} (also before pushing it again: ${errorMessage(err)})`, { cause: again });
      });
    }
  } else {
    await streamImage(source, target, imageTag);
  }
  await target.getImage(imageTag).inspect();
}

async function hasImage(engine: Docker, imageTag: string): Promise<boolean> {
  try {
    await engine.getImage(imageTag).inspect();
    return true;
  } catch (err) {
    if (dockerStatus(err) !== 404) throw err;
    return false;
  }
}

async function streamImage(source: Docker, target: Docker, imageTag: string): Promise<void> {
  const tar = await source.getImage(imageTag).get();
  const response = await target.loadImage(tar, { quiet: true });
  // The load is done when the engine finishes its response.
  await new Promise<void>((resolve, reject) => {
    response.on("end", resolve);
    response.on("error", reject);
    response.resume();
  });
}

/** The Docker engine next to this process (the API runs one-offs through it and reaches other hosts' engines). */
export const localEngine = (config: { dockerSocket: string }): Docker => connectDocker(config.dockerSocket);
