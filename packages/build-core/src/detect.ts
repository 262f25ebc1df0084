import { dockerfileDetector } from "./dockerfile/detector.js";
import { nodeDetector } from "./node/detector.js";
import { pythonDetector } from "./python/detector.js";
import { staticDetector } from "./static/detector.js";
import type { DetectOptions, DetectResult, Detector, SourceFiles } from "./types.js";

/** Tried in order; the first that applies decides (a Dockerfile wins, a static site comes last). */
export const DETECTORS: readonly Detector[] = [dockerfileDetector, pythonDetector, nodeDetector, staticDetector];

export const NOTHING_DETECTED =
  "No supported app found at the root of the repository: add requirements.txt or pyproject.toml (Python), package.json (Node.js), index.html (static site) or a Dockerfile";

export function detectWith(detectors: readonly Detector[], src: SourceFiles, opts: DetectOptions): DetectResult {
  for (const detector of detectors) {
    const d = detector.detect(src, opts);
    if (d.status === "pass") return { ok: true, plan: d.plan };
    if (d.status === "error") return { ok: false, error: d.error };
  }
  return { ok: false, error: NOTHING_DETECTED };
}

export function detectBuild(src: SourceFiles, opts: DetectOptions): DetectResult {
  return detectWith(DETECTORS, src, opts);
}
