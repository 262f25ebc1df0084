import type Docker from "dockerode";
import { demuxDockerFrames } from "./frames.js";

/** The last `lines` lines a container wrote, stdout and stderr interleaved. */
export async function containerLogsTail(docker: Docker, id: string, lines: number): Promise<string> {
  const raw: unknown = await docker.getContainer(id).logs({ stdout: true, stderr: true, tail: lines, follow: false });
  const buf = typeof raw === "string" ? new TextEncoder().encode(raw) : (raw as Uint8Array);
  return demuxDockerFrames(buf);
}
