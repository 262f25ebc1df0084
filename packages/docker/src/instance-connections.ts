import type Docker from "dockerode";
import { execInContainer } from "./exec.js";
import { countConnectionsTo } from "./tcp-connections.js";

/**
 * How many TCP connections to `port` an instance still has (being served or waiting in its
 * accept queue), read from its own network namespace's /proc/net/tcp{,6} with `cat`; undefined
 * when that cannot be known (no `cat` in the image, the container gone).
 */
export async function connectionsTo(engine: Docker, containerId: string, port: number): Promise<number | undefined> {
  let text = "";
  try {
    // cat exits 1 when a kernel has no tcp6 table; what it printed of tcp still counts.
    await execInContainer(engine, containerId, { argv: ["cat", "/proc/net/tcp", "/proc/net/tcp6"], workingDir: "/" }, (line, stream) => {
      if (stream === "stdout") text += `${line}\n`;
    });
  } catch {
    return undefined; // not running, or no cat: the caller falls back to its fixed drain
  }
  return text.includes("local_address") ? countConnectionsTo(text, port) : undefined;
}
