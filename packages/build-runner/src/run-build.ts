import { randomBytes } from "node:crypto";
import type Docker from "dockerode";
import { detectBuild, type BuildPlan, type PipSettings } from "@pier/build-core";
import {
  builderContainerSpec, commitContainer, dockerStatus, errorMessage, execInContainer, splitImageTag,
  type BindMount,
} from "@pier/docker";
import { BuildError } from "./build-error.js";
import { builderContainerName } from "./builder-name.js";
import { stepFailureMessage } from "./failure-summary.js";
import { imageConfig } from "./image-config.js";
import { pipMounts } from "./pip-mounts.js";
import { readSourceTar } from "./read-source.js";

export interface RunBuildInput {
  docker: Docker;
  /** `git archive --format=tar` of the commit to build. */
  sourceTarPath: string;
  stackImage: string;
  /** e.g. "pier/hello:b-<id>" */
  imageTag: string;
  pip: PipSettings;
  labels: Record<string, string>;
  /** Builder memory limit; default 2 GiB. */
  memoryBytes?: number;
  /** Whole build, including the commit; default 15 minutes. */
  timeoutMs?: number;
  /** Extra read-only (or not) bind mounts, e.g. the CA bundle. */
  mounts?: BindMount[];
  /** Volume mounted at /cache, kept between an app's builds; an anonymous, discarded one when absent. */
  cacheVolume?: string;
  /** Human-readable progress lines, e.g. "-----> Python app detected". */
  onOutput: (line: string) => void;
}

export interface RunBuildResult {
  kind: string;
  plan: BuildPlan;
  imageId: string;
  imageTag: string;
  processTypes: Record<string, string[]>;
}

const DEFAULT_MEMORY = 2 * 1024 ** 3;
const DEFAULT_TIMEOUT_MS = 15 * 60_000;
const INDENT = "       ";
const KEPT_LINES = 400;

const KIND_TITLE: Record<string, string> = { python: "Python" };

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Runs the plan's steps in the builder and commits it; throws BuildError when a step fails. */
async function executePlan(i: RunBuildInput, containerId: string, plan: BuildPlan, memoryBytes: number): Promise<string> {
  const container = i.docker.getContainer(containerId);
  await container.start();
  await container.putArchive(i.sourceTarPath, { path: "/app" });
  for (const step of plan.steps) {
    i.onOutput(`-----> ${step.name}`);
    const kept: string[] = [];
    const code = await execInContainer(
      i.docker,
      containerId,
      { argv: step.argv, ...(step.env ? { env: step.env } : {}), workingDir: "/app" },
      (line) => {
        kept.push(line);
        if (kept.length > KEPT_LINES) kept.shift();
        i.onOutput(`${INDENT}${line}`);
      },
    );
    if (code !== 0) throw new BuildError(stepFailureMessage(step.name, code, kept, memoryBytes));
  }
  i.onOutput(`-----> Process types: ${Object.keys(plan.processTypes).join(", ")}`);
  i.onOutput(`-----> Committing image ${i.imageTag}`);
  return commitContainer(i.docker, containerId, splitImageTag(i.imageTag), imageConfig(plan, i.labels));
}

async function removeBuilder(docker: Docker, id: string): Promise<unknown> {
  try {
    // v: the anonymous /cache volume goes with the builder.
    await docker.getContainer(id).remove({ force: true, v: true });
    return undefined;
  } catch (err) {
    const status = dockerStatus(err);
    return status === 404 || status === 409 ? undefined : err;
  }
}

/**
 * Builds an app's source into an image: detect, then run the plan in a builder container made
 * from the stack image, and commit it as `imageTag`. The builder is always removed.
 */
export async function runBuild(i: RunBuildInput): Promise<RunBuildResult> {
  const started = Date.now();
  const memoryBytes = i.memoryBytes ?? DEFAULT_MEMORY;
  const timeoutMs = i.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  const src = await readSourceTar(i.sourceTarPath).catch((err: unknown) => {
    throw new BuildError(`Could not read the pushed source as a tar archive: ${errorMessage(err)}`);
  });
  const detected = detectBuild(src, { pip: i.pip });
  if (!detected.ok) throw new BuildError(detected.error);
  const plan = detected.plan;
  i.onOutput(`-----> ${KIND_TITLE[plan.kind] ?? plan.kind} app detected`);

  const spec = builderContainerSpec({
    name: builderContainerName(i.imageTag, randomBytes(4).toString("hex")),
    image: i.stackImage,
    labels: i.labels,
    memoryBytes,
    mounts: [...pipMounts(i.pip), ...(i.mounts ?? [])],
    ...(i.cacheVolume !== undefined ? { cacheVolume: i.cacheVolume } : {}),
  });
  const container = await i.docker.createContainer(spec).catch((err: unknown) => {
    throw new Error(`Could not create the builder container from ${i.stackImage}: ${errorMessage(err)}`, { cause: err });
  });

  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new BuildError(`Build timed out after ${seconds(timeoutMs)}: make the build faster or ask the operator for a longer build timeout`)),
      timeoutMs,
    );
  });
  const work = executePlan(i, container.id, plan, memoryBytes);
  // After a timeout the work is abandoned: removing the builder below ends it, and its error
  // is superseded by the timeout's.
  work.catch(() => undefined);

  let imageId: string;
  try {
    imageId = await Promise.race([work, timeout]);
  } catch (err) {
    const cleanup = await removeBuilder(i.docker, container.id);
    const also = cleanup ? ` (also, removing builder container ${container.id.slice(0, 12)} failed: ${errorMessage(cleanup)})` : "";
    if (err instanceof BuildError) throw new BuildError(`${err.message}${also}`);
    throw new Error(`Build failed in the builder container: ${errorMessage(err)}${also}`, { cause: err });
  } finally {
    clearTimeout(timer);
  }
  const cleanup = await removeBuilder(i.docker, container.id);
  if (cleanup) {
    throw new Error(`Built ${i.imageTag}, but removing builder container ${container.id.slice(0, 12)} failed: ${errorMessage(cleanup)}`);
  }
  i.onOutput(`-----> Built ${i.imageTag} (${imageId.replace(/^sha256:/, "").slice(0, 12)}) in ${seconds(Date.now() - started)}`);
  return { kind: plan.kind, plan, imageId, imageTag: i.imageTag, processTypes: plan.processTypes };
}
