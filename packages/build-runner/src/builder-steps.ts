import type Docker from "dockerode";
import type { BuildPlan, BuildStep } from "@pier/build-core";
import { commitContainer, execInContainer, LABEL, splitImageTag } from "@pier/docker";
import { supportArchive, tarOf } from "./archives.js";
import { BuildError } from "./build-error.js";
import { stepFailureMessage } from "./failure-summary.js";
import { imageConfig } from "./image-config.js";
import type { PhaseClock } from "./phases.js";
import type { ReadSource } from "./read-source.js";

export interface BuilderContext {
  docker: Docker;
  containerId: string;
  sourceTarPath: string;
  imageTag: string;
  labels: Record<string, string>;
  plan: BuildPlan;
  src: ReadSource;
  /** Tag of the dependency layer image: reused when `reuse`, else made and tagged here. */
  depsTag: string;
  reuse: boolean;
  memoryBytes: number;
  clock: PhaseClock;
  onOutput: (line: string) => void;
}

const INDENT = "       ";
const KEPT_LINES = 400;

async function runSteps(c: BuilderContext, steps: BuildStep[]): Promise<void> {
  for (const step of steps) {
    c.onOutput(`-----> ${step.name}`);
    const kept: string[] = [];
    const code = await execInContainer(
      c.docker,
      c.containerId,
      { argv: step.argv, ...(step.env ? { env: step.env } : {}), workingDir: "/app" },
      (line) => {
        kept.push(line);
        if (kept.length > KEPT_LINES) kept.shift();
        c.onOutput(`${INDENT}${line}`);
      },
    );
    if (code !== 0) throw new BuildError(stepFailureMessage(step.name, code, kept, c.memoryBytes));
  }
}

/** The dependency files (and generated ones) alone, as the dependency steps see /app. */
async function dependencyArchive(c: BuilderContext): Promise<Buffer> {
  const files = c.plan.dependencyFiles.map((path) => {
    const body = c.src.rootFile(path);
    if (!body) throw new BuildError(`${path} is over 32 MB: Pier cannot install dependencies from it`);
    return { path, body };
  });
  const generated = Object.entries(c.plan.generatedFiles).map(([path, body]) => ({ path, body }));
  return tarOf([...files, ...generated]);
}

/**
 * Makes the dependency layer (unless reused) and commits it under `depsTag`, then puts the
 * whole source and Pier's support files on top, runs the plan's steps, and commits the image.
 * A builder that needs no step is never started: Docker copies files into, and commits, a
 * created container.
 */
export async function runPlanInBuilder(c: BuilderContext): Promise<string> {
  const container = c.docker.getContainer(c.containerId);
  let running = false;
  const start = async () => {
    if (!running) await container.start();
    running = true;
  };
  const roleLabels = { ...c.labels, [LABEL.role]: "image" };

  if (c.reuse) {
    c.onOutput(`-----> Reusing installed dependencies (${c.plan.dependencyFiles.join(", ") || "none"} unchanged)`);
  } else if (c.plan.dependencySteps.length > 0) {
    await container.putArchive(await dependencyArchive(c), { path: "/app" });
    await start();
    await runSteps(c, c.plan.dependencySteps);
    const inspect = await container.inspect();
    await commitContainer(c.docker, c.containerId, splitImageTag(c.depsTag), {
      Cmd: inspect.Config.Cmd ?? [], Env: inspect.Config.Env ?? [], WorkingDir: "/app", Labels: { ...roleLabels, "pier.layer": "dependencies" },
    }, { pause: false });
  }
  c.clock.mark("install");

  await container.putArchive(c.sourceTarPath, { path: "/app" });
  await container.putArchive(await supportArchive(), { path: "/" });
  if (c.plan.steps.length > 0) {
    await start();
    await runSteps(c, c.plan.steps);
  }
  c.clock.mark("source");

  c.onOutput(`-----> Process types: ${Object.keys(c.plan.processTypes).join(", ")}`);
  const id = await commitContainer(c.docker, c.containerId, splitImageTag(c.imageTag), imageConfig(c.plan, c.labels), { pause: running });
  c.clock.mark("image");
  return id;
}
