import { randomBytes } from "node:crypto";
import type Docker from "dockerode";
import { dependencyLayerKey, detectBuild, type BuildPlan, type PipSettings } from "@pier/build-core";
import { builderContainerSpec, dockerStatus, errorMessage, splitImageTag, type BindMount } from "@pier/docker";
import { BuildError } from "./build-error.js";
import { builderContainerName } from "./builder-name.js";
import { runPlanInBuilder, type BuilderContext } from "./builder-steps.js";
import { pipMounts } from "./pip-mounts.js";
import { readSourceTar } from "./read-source.js";
import { buildDockerfile } from "./dockerfile-build.js";
import { pruneDependencyLayers } from "./dependency-layers.js";
import { PhaseClock, type Phase } from "./phases.js";

export interface RunBuildInput {
  docker: Docker;
  /** `git archive --format=tar` of the commit to build. */
  sourceTarPath: string;
  /** Stack name ("python-3.11") -> image; the first Python one is the default version. */
  stacks: Record<string, string>;
  /** e.g. "pier/hello:b-<id>" */
  imageTag: string;
  pip: PipSettings;
  /** The app's config vars, as the build sees them (DISABLE_COLLECTSTATIC...). */
  config?: Record<string, string>;
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
  /** Where the time went: detect, dependencies, source, image. */
  phases: Phase[];
  /** True when the dependency layer of an earlier build was reused. */
  reusedDependencies: boolean;
}

const DEFAULT_MEMORY = 2 * 1024 ** 3;
const DEFAULT_TIMEOUT_MS = 15 * 60_000;

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Python versions the configured stacks provide ("python-3.11" -> "3.11"), in the given order. */
export const pythonVersions = (stacks: Record<string, string>) =>
  Object.keys(stacks).filter((s) => s.startsWith("python-")).map((s) => s.slice("python-".length));

async function imageId(docker: Docker, ref: string): Promise<string | undefined> {
  try {
    return (await docker.getImage(ref).inspect()).Id;
  } catch (err) {
    if (dockerStatus(err) === 404) return undefined;
    throw err;
  }
}

async function removeBuilder(docker: Docker, id: string): Promise<unknown> {
  try {
    // v: an anonymous /cache volume goes with the builder.
    await docker.getContainer(id).remove({ force: true, v: true });
    return undefined;
  } catch (err) {
    const status = dockerStatus(err);
    return status === 404 || status === 409 ? undefined : err;
  }
}

function timeoutAfter(ms: number): { promise: Promise<never>; clear(): void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new BuildError(`Build timed out after ${seconds(ms)}: make the build faster or ask the operator for a longer build timeout`)),
      ms,
    );
  });
  return { promise, clear: () => clearTimeout(timer) };
}

async function dockerfileBuild(i: RunBuildInput, plan: BuildPlan, clock: PhaseClock, memoryBytes: number, timeoutMs: number): Promise<RunBuildResult> {
  let stream: NodeJS.ReadableStream | undefined;
  const work = buildDockerfile({ ...i, plan, clock, memoryBytes, onStream: (s) => (stream = s) });
  work.catch(() => undefined); // superseded by the timeout's error, see runBuild
  const timeout = timeoutAfter(timeoutMs);
  try {
    const built = await Promise.race([work, timeout.promise]);
    i.onOutput(`-----> Built ${i.imageTag} (${built.imageId.replace(/^sha256:/, "").slice(0, 12)}) in ${seconds(clock.total())}`);
    return { kind: plan.kind, plan, imageId: built.imageId, imageTag: i.imageTag, processTypes: built.processTypes, phases: clock.phases(), reusedDependencies: false };
  } catch (err) {
    // Closing the connection makes the engine cancel the build.
    (stream as unknown as { destroy?: () => void } | undefined)?.destroy?.();
    throw err;
  } finally {
    timeout.clear();
  }
}

/**
 * Builds an app's source into an image: detect, then make (or reuse) the dependency layer and
 * add the source on top in a builder container, committed as `imageTag`. The builder is always
 * removed; a failure leaves no image behind under `imageTag`.
 */
export async function runBuild(i: RunBuildInput): Promise<RunBuildResult> {
  const clock = new PhaseClock();
  const memoryBytes = i.memoryBytes ?? DEFAULT_MEMORY;
  const timeoutMs = i.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  const src = await readSourceTar(i.sourceTarPath).catch((err: unknown) => {
    throw new BuildError(`Could not read the pushed source as a tar archive: ${errorMessage(err)}`);
  });
  const detected = detectBuild(src, { pip: i.pip, config: i.config ?? {}, pythonVersions: pythonVersions(i.stacks) });
  if (!detected.ok) throw new BuildError(detected.error);
  const plan = detected.plan;
  i.onOutput(`-----> ${plan.title} app detected${plan.detail ? ` (${plan.detail})` : ""}`);
  if (plan.kind === "dockerfile") return dockerfileBuild(i, plan, clock, memoryBytes, timeoutMs);

  const stackImage = i.stacks[plan.stack];
  const stackId = stackImage ? await imageId(i.docker, stackImage) : undefined;
  if (!stackImage || !stackId) {
    throw new Error(`The stack image for ${plan.stack} (${stackImage ?? "not configured"}) is missing: run infra/ensure-services.sh`);
  }
  const depsTag = `${splitImageTag(i.imageTag).repo}:deps-${dependencyLayerKey({ stackImageId: stackId, plan, fileDigests: src.digests }).slice(0, 20)}`;
  const reuse = (await imageId(i.docker, depsTag)) !== undefined;
  clock.mark("detect");

  const spec = builderContainerSpec({
    name: builderContainerName(i.imageTag, randomBytes(4).toString("hex")),
    image: reuse ? depsTag : stackImage,
    labels: i.labels,
    memoryBytes,
    mounts: [...pipMounts(i.pip), ...(i.mounts ?? [])],
    ...(i.cacheVolume !== undefined ? { cacheVolume: i.cacheVolume } : {}),
  });
  const container = await i.docker.createContainer(spec).catch((err: unknown) => {
    throw new Error(`Could not create the builder container from ${spec.Image}: ${errorMessage(err)}`, { cause: err });
  });

  const timeout = timeoutAfter(timeoutMs);
  const ctx: BuilderContext = { ...i, containerId: container.id, plan, src, depsTag, reuse, memoryBytes, clock };
  const work = runPlanInBuilder(ctx);
  // After a timeout the work is abandoned: removing the builder below ends it, and its error
  // is superseded by the timeout's.
  work.catch(() => undefined);

  let builtId: string;
  try {
    builtId = await Promise.race([work, timeout.promise]);
  } catch (err) {
    const cleanup = await removeBuilder(i.docker, container.id);
    const also = cleanup ? ` (also, removing builder container ${container.id.slice(0, 12)} failed: ${errorMessage(cleanup)})` : "";
    if (err instanceof BuildError) throw new BuildError(`${err.message}${also}`);
    throw new Error(`Build failed in the builder container: ${errorMessage(err)}${also}`, { cause: err });
  } finally {
    timeout.clear();
  }
  const cleanup = await removeBuilder(i.docker, container.id);
  if (cleanup) {
    throw new Error(`Built ${i.imageTag}, but removing builder container ${container.id.slice(0, 12)} failed: ${errorMessage(cleanup)}`);
  }
  if (!reuse) await pruneDependencyLayers(i.docker, splitImageTag(i.imageTag).repo, depsTag);
  i.onOutput(`-----> Built ${i.imageTag} (${builtId.replace(/^sha256:/, "").slice(0, 12)}) in ${seconds(clock.total())}`);
  return {
    kind: plan.kind, plan, imageId: builtId, imageTag: i.imageTag, processTypes: plan.processTypes,
    phases: clock.phases(), reusedDependencies: reuse,
  };
}
