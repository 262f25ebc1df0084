import { procfileProcesses } from "../procfile-processes.js";
import type { Detection, Detector } from "../types.js";

/**
 * A Dockerfile at the root is built as is (it wins over other kinds, as in Dokku). Process types
 * come from a Procfile; without one, `web` is the image's own command (an empty argv here).
 */
export const dockerfileDetector: Detector = {
  name: "dockerfile",
  detect(src): Detection {
    if (!src.paths.includes("Dockerfile")) return { status: "skip" };
    const procs = procfileProcesses(src);
    if (!procs.ok) return { status: "error", error: procs.error };
    return {
      status: "pass",
      plan: {
        kind: "dockerfile",
        title: "Dockerfile",
        stack: "dockerfile",
        dependencyFiles: [],
        generatedFiles: {},
        dependencySteps: [],
        steps: [],
        processTypes: { web: [], ...procs.types },
        ...(procs.release ? { release: procs.release } : {}),
        env: {},
      },
    };
  },
};
