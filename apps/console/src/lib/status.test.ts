import { describe, expect, it } from "vitest";
import type { Build, Dyno } from "../api/types.js";
import { appStatus, lastDeploy, latestBuild, type AppStatus } from "./status.js";

const build = (id: string, status: Build["status"], created_at: string): Build => ({
  id, status, created_at, updated_at: created_at, source_blob: { version: null },
});
const dyno = (name: string, state: string): Dyno => ({ name, type: name.split(".")[0]!, state });

const ok1 = build("b1", "succeeded", "2026-01-01T00:00:00Z");
const failed2 = build("b2", "failed", "2026-01-02T00:00:00Z");
const pending3 = build("b3", "pending", "2026-01-03T00:00:00Z");

describe("appStatus", () => {
  it.each<[string, Build[], Dyno[] | null, AppStatus]>([
    ["never built", [], null, "idle"],
    ["building now", [ok1, pending3], [dyno("web.1", "up")], "deploying"],
    ["an instance crashed", [ok1], [dyno("web.1", "up"), dyno("web.2", "crashed")], "crashed"],
    ["instances up", [ok1], [dyno("web.1", "up")], "running"],
    ["instances starting", [ok1], [dyno("web.1", "starting")], "running"],
    ["scaled to zero", [ok1], [], "idle"],
    ["no instance data, deployed once", [ok1, failed2], null, "running"],
    ["no instance data, only failures", [failed2], null, "idle"],
  ])("%s", (_label, builds, dynos, status) => {
    expect(appStatus(builds, dynos)).toBe(status);
  });
});

describe("latestBuild / lastDeploy", () => {
  it("pick by creation time whatever the order", () => {
    expect(latestBuild([failed2, pending3, ok1])?.id).toBe("b3");
    expect(lastDeploy([failed2, pending3, ok1])?.id).toBe("b1");
    expect(lastDeploy([failed2])).toBeUndefined();
  });
});
