import { addonContainerSpec, appNetworkName, DATA_DIR, type AddonSpecInput } from "@pier/addon-core";
import { LABEL, containerLogsTail, dockerStatus, errorMessage, execInContainer } from "@pier/docker";
import type Docker from "dockerode";

/** Label on add-on containers and volumes: the add-on's id. */
export const ADDON_LABEL = "pier.addon";
/** First start runs initdb / mariadb-install-db: give a loaded machine time. */
const READY_TIMEOUT_MS = 180_000;

const ignore404 = (err: unknown) => {
  if (dockerStatus(err) !== 404) throw err;
};

/** The app's network (add-ons and the app's instances on this engine), made on first use. */
export async function ensureAppNetwork(docker: Docker, appId: string, installationId: string): Promise<string> {
  const name = appNetworkName(appId);
  if (await existingAppNetwork(docker, appId)) return name;
  try {
    await docker.createNetwork({
      Name: name,
      Driver: "bridge",
      CheckDuplicate: true,
      Labels: { [LABEL.appId]: appId, [LABEL.role]: "network", [LABEL.installation]: installationId },
    });
  } catch (err) {
    // Made meanwhile by a concurrent call: fine.
    if (dockerStatus(err) !== 409) throw new Error(`Cannot create the app network ${name}: ${errorMessage(err)}`, { cause: err });
  }
  return name;
}

/** The app's network when it exists on this engine (an app with add-ons), else undefined. */
export async function existingAppNetwork(docker: Docker, appId: string): Promise<string | undefined> {
  const name = appNetworkName(appId);
  try {
    await docker.getNetwork(name).inspect();
    return name;
  } catch (err) {
    ignore404(err);
    return undefined;
  }
}

/**
 * Creates and starts an add-on container on its volume (made if missing, kept if there), on its
 * owner's network and the networks of the other apps it is attached to. A container that cannot
 * start is removed.
 */
export async function startAddonContainer(docker: Docker, input: AddonSpecInput, otherNetworks: readonly string[] = []): Promise<void> {
  await docker.createVolume({ Name: input.volumeName, Labels: input.labels });
  const { name, ...options } = addonContainerSpec(input);
  const container = await docker.createContainer({ name, ...options });
  try {
    await connectNetworks(docker, container.id, otherNetworks, [input.alias]);
    await container.start();
  } catch (err) {
    await container.remove({ force: true });
    throw new Error(`Cannot start the add-on container ${name}: ${errorMessage(err)}`, { cause: err });
  }
}

/** Runs `pier-data-admin <command>` in the add-on's container; output is stdout and stderr. */
export async function addonAdmin(docker: Docker, containerName: string, command: "ready" | "info" | "rotate", env: Record<string, string> = {}) {
  const lines: string[] = [];
  const exitCode = await execInContainer(docker, containerName, { argv: ["pier-data-admin", command], env, workingDir: DATA_DIR }, (line) => lines.push(line));
  return { exitCode, output: lines.join("\n") };
}

/** Waits until the server accepts connections; a dead container fails at once with its last lines. */
export async function waitUntilReady(docker: Docker, containerName: string, timeoutMs = READY_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = (await docker.getContainer(containerName).inspect()).State;
    if (state.Running && (await addonAdmin(docker, containerName, "ready")).exitCode === 0) return;
    if (!state.Running && !state.Restarting && state.Status !== "created") {
      throw new Error(`the database server exited (code ${state.ExitCode}): ${(await lastLines(docker, containerName)) || "no output"}`);
    }
    if (Date.now() > deadline) throw new Error(`the database server did not accept connections within ${timeoutMs / 1000} s: ${await lastLines(docker, containerName)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

const lastLines = (docker: Docker, name: string) =>
  containerLogsTail(docker, name, 5).then((t) => t.trim().split("\n").join(" | "), (err: unknown) => `(logs unavailable: ${errorMessage(err)})`);

export async function removeAddonContainer(docker: Docker, containerName: string): Promise<void> {
  await docker.getContainer(containerName).remove({ force: true }).catch(ignore404);
}

export async function removeAddonVolume(docker: Docker, volumeName: string): Promise<void> {
  await docker.getVolume(volumeName).remove().catch(ignore404);
}

/** Joins a created (not yet started) container to networks: Docker 1.41 takes one at create. */
export async function connectNetworks(docker: Docker, containerId: string, networks: readonly string[], aliases: string[] = []): Promise<void> {
  for (const network of networks) {
    await docker.getNetwork(network).connect({ Container: containerId, ...(aliases.length ? { EndpointConfig: { Aliases: aliases } } : {}) });
  }
}
