import { createHash } from "node:crypto";
import type { BuildPlan } from "./types.js";

export interface LayerKeyInput {
  /** Id of the stack image the layer is built on. */
  stackImageId: string;
  plan: Pick<BuildPlan, "dependencyFiles" | "generatedFiles" | "dependencySteps">;
  /** sha256 of each dependency file's contents, by path. */
  fileDigests: Record<string, string>;
}

/**
 * Content address of a plan's dependency layer: the same stack, steps (package index settings
 * included, as they are argv) and dependency file contents give the same layer, which is then
 * reused instead of rebuilt. Canonical JSON, so key order does not matter.
 */
export function dependencyLayerKey(i: LayerKeyInput): string {
  const files = [...i.plan.dependencyFiles].sort().map((p) => [p, i.fileDigests[p] ?? "absent"]);
  const generated = Object.keys(i.plan.generatedFiles).sort().map((p) => [p, i.plan.generatedFiles[p]]);
  const steps = i.plan.dependencySteps.map((s) => [s.argv, Object.entries(s.env ?? {}).sort()]);
  const material = JSON.stringify({ v: 1, stack: i.stackImageId, files, generated, steps });
  return createHash("sha256").update(material).digest("hex");
}
