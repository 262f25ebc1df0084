import type Docker from "dockerode";
import { dockerStatus } from "./errors.js";

/**
 * SIGTERM, then SIGKILL after `graceSeconds` (docker stop), then remove.
 * A container that is already stopped or gone counts as stopped.
 */
export async function stopContainer(docker: Docker, id: string, opts: { graceSeconds: number }): Promise<void> {
  const container = docker.getContainer(id);
  try {
    await container.stop({ t: opts.graceSeconds });
  } catch (err) {
    // 304: already stopped; 404: already removed.
    const status = dockerStatus(err);
    if (status !== 304 && status !== 404) throw err;
  }
  try {
    await container.remove({ force: true, v: true });
  } catch (err) {
    // 404: gone; 409: another caller is removing it right now.
    const status = dockerStatus(err);
    if (status !== 404 && status !== 409) throw err;
  }
}
