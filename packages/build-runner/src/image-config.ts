import type { BuildPlan } from "@pier/build-core";
import { envList, LABEL, type ImageConfig } from "@pier/docker";

/** The process an image runs when started without a command: web, else the first type. */
export function defaultProcess(processTypes: Record<string, string[]>): string[] | undefined {
  return processTypes.web ?? Object.values(processTypes)[0];
}

/**
 * Configuration committed with the built image. Docker merges in the builder container's
 * settings for whatever this leaves out, so labels set the role explicitly: the builder's
 * "build" role must not leak into containers started from the image.
 */
export function imageConfig(plan: BuildPlan, labels: Record<string, string>): ImageConfig {
  const cmd = defaultProcess(plan.processTypes);
  if (!cmd) throw new Error("Build plan has no process types; detection should have rejected it");
  return { Cmd: cmd, Env: envList(plan.env), WorkingDir: "/app", Labels: { ...labels, [LABEL.role]: "image" } };
}
