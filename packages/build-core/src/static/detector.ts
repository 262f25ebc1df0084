import { PIER_PYTHON_PATH } from "../python/detector.js";
import { procfileProcesses } from "../procfile-processes.js";
import type { Detection, Detector } from "../types.js";

/**
 * Static sites: index.html at the root, or in public/. Served by Pier's small static server
 * (MIME types, gzip, ETag, cache headers) from the Python stack's standard library.
 */
export const staticDetector: Detector = {
  name: "static",
  detect(src): Detection {
    const root = src.paths.includes("index.html") ? "/app" : src.paths.includes("public/index.html") ? "/app/public" : undefined;
    if (!root) return { status: "skip" };
    const procs = procfileProcesses(src);
    if (!procs.ok) return { status: "error", error: procs.error };
    return {
      status: "pass",
      plan: {
        kind: "static",
        title: "Static site",
        stack: "python-3.11",
        dependencyFiles: [],
        generatedFiles: {},
        dependencySteps: [],
        steps: [],
        processTypes: { web: ["python3", `${PIER_PYTHON_PATH}/pier_static.py`, root], ...procs.types },
        ...(procs.release ? { release: procs.release } : {}),
        env: { PYTHONUNBUFFERED: "1" },
      },
    };
  },
};
