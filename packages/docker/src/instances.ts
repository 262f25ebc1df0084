import type Docker from "dockerode";
import { errorMessage } from "./errors.js";
import { containerLiveness } from "./liveness.js";
import { publishedHostPort } from "./ports.js";
import { instanceContainerSpec, type InstanceSpecInput } from "./specs/instance.js";

/**
 * Creates and starts an instance; returns the host port Docker published PORT on.
 * A container that cannot start is removed, so a failed start leaves nothing behind.
 */
export async function startInstance(docker: Docker, i: InstanceSpecInput): Promise<{ containerId: string; hostPort: number }> {
  const container = await docker.createContainer(instanceContainerSpec(i));
  try {
    for (const network of i.networks ?? []) await docker.getNetwork(network).connect({ Container: container.id });
    await container.start();
    const info = await container.inspect();
    const hostPort = publishedHostPort(info.NetworkSettings.Ports, i.port);
    if (hostPort !== undefined) return { containerId: container.id, hostPort };
    // A process that dies at once loses its port mapping before we can read it.
    throw new Error(
      info.State.Running
        ? `Docker published no host port for ${i.port}/tcp`
        : await containerLiveness(docker, container.id).whyDead(),
    );
  } catch (err) {
    await container.remove({ force: true }).catch((cleanup: unknown) => {
      throw new Error(`Starting instance ${i.name} failed (${errorMessage(err)}) and removing it failed too: ${errorMessage(cleanup)}`);
    });
    throw new Error(`Starting instance ${i.name} from ${i.image} failed: ${errorMessage(err)}`, { cause: err });
  }
}
