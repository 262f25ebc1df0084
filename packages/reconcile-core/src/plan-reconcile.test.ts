import { describe, expect, it } from "vitest";
import { planReconcile, type DesiredInstance, type ObservedInstanceContainer } from "./plan-reconcile.js";

const up = (id: string, containerId: string | null = `c-${id}`): DesiredInstance => ({ id, state: "up", containerId });
const running = (instanceId: string | undefined, containerId = `c-${instanceId}`): ObservedInstanceContainer => ({ containerId, instanceId, running: true });

describe("planReconcile", () => {
  it.each<[string, DesiredInstance[], ObservedInstanceContainer[], ReturnType<typeof planReconcile>]>([
    ["converged", [up("a")], [running("a")], []],
    ["nothing anywhere", [], [], []],
    ["stray of a destroyed app", [], [running("a")], [{ type: "remove-stray", containerId: "c-a", reason: "instance no longer wanted" }]],
    ["container without label", [], [running(undefined, "c-x")], [{ type: "remove-stray", containerId: "c-x", reason: "no instance label" }]],
    ["stopped row's container", [{ id: "a", state: "stopped", containerId: "c-a" }], [running("a")], [{ type: "remove-stray", containerId: "c-a", reason: "instance no longer wanted" }]],
    ["up instance whose container vanished", [up("a")], [], [{ type: "mark-crashed", instanceId: "a", containerId: "c-a" }]],
    ["up instance whose container exited", [up("a")], [{ containerId: "c-a", instanceId: "a", running: false }], [{ type: "mark-crashed", instanceId: "a", containerId: "c-a" }]],
    ["starting instance is left to its deploy", [{ id: "a", state: "starting", containerId: null }], [], []],
    ["draining instance keeps its container", [{ id: "a", state: "draining", containerId: "c-a" }], [running("a")], []],
  ])("%s", (_name, desired, observed, expected) => {
    expect(planReconcile(desired, observed)).toEqual(expected);
  });
});
