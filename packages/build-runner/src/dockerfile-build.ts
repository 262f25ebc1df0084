import { createReadStream } from "node:fs";
import type Docker from "dockerode";
import type { BuildPlan } from "@pier/build-core";
import { LABEL } from "@pier/docker";
import { BuildError } from "./build-error.js";
import type { PhaseClock } from "./phases.js";

export interface DockerfileBuildInput {
  docker: Docker;
  sourceTarPath: string;
  imageTag: string;
  labels: Record<string, string>;
  memoryBytes: number;
  plan: BuildPlan;
  clock: PhaseClock;
  onOutput: (line: string) => void;
  /** Called with the build's stream, so a timeout can abort it by destroying the stream. */
  onStream?: (stream: NodeJS.ReadableStream) => void;
}

interface BuildEvent {
  stream?: string;
  error?: string;
  errorDetail?: { message?: string };
  aux?: { ID?: string };
}

const INDENT = "       ";

/** One line a user can act on for a failed `docker build`. */
export function dockerfileFailure(message: string): string {
  const m = message.trim();
  if (/pull access denied|registry-1\.docker\.io|dial tcp|no such host|manifest unknown|not found: manifest/i.test(m)) {
    return `Dockerfile build failed: ${m} (no registry can be reached from this Pier: FROM must name an image already on the host, such as pier/stack-python:3.11 or pier/stack-node:18)`;
  }
  return `Dockerfile build failed: ${m}`;
}

/**
 * Builds the source's Dockerfile as is with the engine's builder. `web` defaults to the image's
 * own command: the process types keep an empty argv, which Docker reads as "the image's CMD".
 */
export async function buildDockerfile(i: DockerfileBuildInput): Promise<{ imageId: string; processTypes: Record<string, string[]> }> {
  i.clock.mark("install");
  const stream = await i.docker.buildImage(createReadStream(i.sourceTarPath) as unknown as NodeJS.ReadableStream, {
    t: i.imageTag,
    labels: { ...i.labels, [LABEL.role]: "image" },
    memory: i.memoryBytes,
    memswap: i.memoryBytes,
    rm: true,
    forcerm: true,
    pull: false,
  });
  i.onStream?.(stream);
  let error: string | undefined;
  await new Promise<void>((resolve, reject) => {
    i.docker.modem.followProgress(
      stream,
      (err: Error | null) => (err ? reject(err) : resolve()),
      (event: BuildEvent) => {
        for (const line of (event.stream ?? "").split("\n")) if (line.trim() !== "") i.onOutput(`${INDENT}${line}`);
        if (event.error) error = event.errorDetail?.message ?? event.error;
      },
    );
  });
  if (error) throw new BuildError(dockerfileFailure(error));
  i.clock.mark("source");
  const image = await i.docker.getImage(i.imageTag).inspect();
  const hasCommand = (image.Config.Cmd?.length ?? 0) > 0 || (image.Config.Entrypoint?.length ?? 0) > 0;
  if (!hasCommand && (i.plan.processTypes.web ?? []).length === 0) {
    throw new BuildError("The Dockerfile sets no CMD or ENTRYPOINT and there is no Procfile `web:` line: add one of them");
  }
  i.clock.mark("image");
  return { imageId: image.Id, processTypes: i.plan.processTypes };
}
