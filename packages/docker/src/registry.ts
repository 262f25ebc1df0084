import type Docker from "dockerode";
import { splitImageTag } from "./commit.js";

interface ProgressEvent {
  error?: string;
  errorDetail?: { message?: string };
}

/** Waits for a push's or pull's progress stream to end; the engine reports failures inside it, not as an HTTP error. */
async function finished(engine: Docker, stream: NodeJS.ReadableStream, what: string): Promise<void> {
  const events = await new Promise<ProgressEvent[]>((resolve, reject) => {
    engine.modem.followProgress(stream, (err: Error | null, output: ProgressEvent[]) => (err ? reject(err) : resolve(output)));
  });
  const failed = events.find((e) => e.error);
  if (failed) throw new Error(`${what}: ${failed.errorDetail?.message ?? failed.error}`);
}

/** Tags `imageTag` as `ref` (HOST:PORT/name:tag) on `engine` and pushes it to that registry. */
export async function pushImage(engine: Docker, imageTag: string, ref: string): Promise<void> {
  const { repo, tag } = splitImageTag(ref);
  await engine.getImage(imageTag).tag({ repo, tag });
  // An empty X-Registry-Auth: engines refuse a push without the header, even to a registry without auth.
  const stream = (await engine.getImage(repo).push({ tag, authconfig: {} })) as NodeJS.ReadableStream;
  await finished(engine, stream, `pushing ${imageTag} to ${ref}`);
}

/** Pulls `ref` from its registry into `engine` and tags it `imageTag`, the name containers use. */
export async function pullImage(engine: Docker, ref: string, imageTag: string): Promise<void> {
  const stream = (await engine.pull(ref)) as NodeJS.ReadableStream;
  await finished(engine, stream, `pulling ${ref}`);
  const { repo, tag } = splitImageTag(imageTag);
  await engine.getImage(ref).tag({ repo, tag });
}
