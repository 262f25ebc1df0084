import { describe, expect, it } from "vitest";
import type { BuildPlan } from "@pier/build-core";
import { imageConfig } from "./image-config.js";

const plan = (processTypes: Record<string, string[]>): BuildPlan => ({
  kind: "python",
  title: "Python",
  stack: "python-3.11",
  dependencyFiles: [],
  generatedFiles: {},
  dependencySteps: [],
  steps: [],
  processTypes,
  env: { PATH: "/app/.venv/bin:/usr/bin", PYTHONUNBUFFERED: "1" },
});

describe("imageConfig", () => {
  it.each([
    ["web is the default", { worker: ["w"], web: ["/app/.venv/bin/gunicorn", "app:app"] }, ["/app/.venv/bin/gunicorn", "app:app"]],
    ["else the first type", { worker: ["/bin/sh", "-c", "python w.py"], clock: ["c"] }, ["/bin/sh", "-c", "python w.py"]],
  ])("%s", (_n, types, cmd) => {
    expect(imageConfig(plan(types), { "pier.app": "shop", "pier.role": "build" })).toEqual({
      Cmd: cmd,
      Env: ["PATH=/app/.venv/bin:/usr/bin", "PYTHONUNBUFFERED=1"],
      WorkingDir: "/app",
      Labels: { "pier.app": "shop", "pier.role": "image" },
    });
  });

  it("refuses a plan without processes", () => {
    expect(() => imageConfig(plan({}), {})).toThrow(/no process types/);
  });
});
