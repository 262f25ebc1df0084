import { describe, expect, it } from "vitest";
import { planReconcile } from "./plan-reconcile.js";
import type { AppView, ContainerView, HostView, InstanceView, ReconcileAction, ReconcileInput } from "./types.js";

const GB = 1024 ** 3;
const NOW = 1_000_000;
const host = (id: string, over: Partial<HostView> = {}): HostView => ({ id, name: id, state: "ready", memoryBytes: 8 * GB, listed: true, listedAt: NOW - 500, ...over });
const app = (over: Partial<AppView> = {}): AppView => ({
  id: "a",
  name: "shop",
  currentReleaseId: "r2",
  processTypes: ["web", "worker"],
  formation: [{ type: "web", quantity: 1, size: "basic" }],
  ...over,
});
const inst = (id: string, over: Partial<InstanceView> = {}): InstanceView => ({
  id,
  appId: "a",
  releaseId: "r2",
  hostId: "h1",
  type: "web",
  number: 1,
  state: "up",
  containerId: `c-${id}`,
  size: "basic",
  restarts: 0,
  restartAt: null,
  updatedAt: NOW - 1000,
  oneOff: false,
  startedAt: NOW - 60_000,
  expiresAt: null,
  replaceRequested: false,
  ...over,
});
const running = (i: InstanceView, hostId = i.hostId): ContainerView => ({ hostId, containerId: i.containerId!, instanceId: i.id, running: true });
const exited = (i: InstanceView, exitCode = 1): ContainerView => ({ ...running(i), running: false, exitCode });

function world(over: Partial<ReconcileInput>): ReconcileInput {
  return { now: NOW, apps: [app()], instances: [], hosts: [host("h1"), host("h2")], containers: [], bootTimeoutMs: 60_000, stopTimeoutMs: 35_000, ...over };
}

const w1 = inst("w1");
const start = (over: Partial<Extract<ReconcileAction, { type: "start" }>> = {}): ReconcileAction => ({
  type: "start",
  appId: "a",
  releaseId: "r2",
  processType: "web",
  number: 1,
  size: "basic",
  hostId: "h1",
  ...over,
});

describe("planReconcile", () => {
  it.each<[string, Partial<ReconcileInput>, ReconcileAction[]]>([
    ["converged", { instances: [w1], containers: [running(w1)] }, []],
    ["nothing deployed yet", { apps: [app({ currentReleaseId: null })] }, []],
    ["a new release's formation is started", {}, [start()]],
    [
      "scale up: the missing numbers start, spread across hosts",
      { apps: [app({ formation: [{ type: "web", quantity: 3, size: "basic" }] })], instances: [w1], containers: [running(w1)] },
      [start({ number: 2, hostId: "h2" }), start({ number: 3, hostId: "h1" })],
    ],
    [
      "scale down: the highest numbers stop",
      { apps: [app({ formation: [{ type: "web", quantity: 1, size: "basic" }] })], instances: [w1, inst("w2", { number: 2 })], containers: [running(w1), running(inst("w2"))] },
      [{ type: "stop", instanceId: "w2", reason: "scaled down" }],
    ],
    [
      "a type the release does not define runs nothing",
      { apps: [app({ processTypes: ["web"], formation: [{ type: "web", quantity: 1, size: "basic" }, { type: "clock", quantity: 1, size: "basic" }] })], instances: [w1], containers: [running(w1)] },
      [],
    ],
    [
      "stray of a destroyed app",
      { apps: [], containers: [{ hostId: "h1", containerId: "c-x", instanceId: "x", running: true }] },
      [{ type: "remove-stray", hostId: "h1", containerId: "c-x", reason: "instance no longer wanted" }],
    ],
    [
      "container without label",
      { instances: [w1], containers: [running(w1), { hostId: "h1", containerId: "c-y", instanceId: undefined, running: true }] },
      [{ type: "remove-stray", hostId: "h1", containerId: "c-y", reason: "no instance label" }],
    ],
    [
      "an instance's old container after a restart",
      { instances: [w1], containers: [running(w1), { hostId: "h1", containerId: "c-old", instanceId: "w1", running: false }] },
      [{ type: "remove-stray", hostId: "h1", containerId: "c-old", reason: "instance has a newer container" }],
    ],
    ["a container being created (row has no container id yet) is left alone", { instances: [inst("w1", { containerId: null, state: "starting" })], containers: [{ hostId: "h1", containerId: "c-new", instanceId: "w1", running: true }] }, []],
    [
      "a crashed instance is marked and restarted at once the first time",
      { instances: [w1], containers: [exited(w1, 137)] },
      [{ type: "mark-crashed", instanceId: "w1", exitCode: 137, restartAt: NOW }, { type: "restart", instanceId: "w1" }],
    ],
    [
      "a vanished container counts as a crash",
      { instances: [w1] },
      [{ type: "mark-crashed", instanceId: "w1", exitCode: null, restartAt: NOW }, { type: "restart", instanceId: "w1" }],
    ],
    ["a container started after the host was listed is not taken for gone", { instances: [inst("w1", { startedAt: NOW - 400 })] }, []],
    [
      "a container listed while it was being started (created, not yet running) is not taken for crashed",
      { instances: [inst("w1", { state: "starting", startedAt: NOW - 400 })], containers: [exited(inst("w1"), 0)] },
      [],
    ],
    ["a one-off started after the listing is not taken for finished", { instances: [w1, inst("run1", { type: "run", oneOff: true, startedAt: NOW - 500 })], containers: [running(w1)] }, []],
    [
      "an instance that crashed before waits for its backoff",
      { instances: [inst("w1", { restarts: 3 })], containers: [exited(inst("w1"))] },
      [{ type: "mark-crashed", instanceId: "w1", exitCode: 1, restartAt: NOW + 4000 }],
    ],
    ["a crashed instance in backoff is left", { instances: [inst("w1", { state: "crashed", restartAt: NOW + 1 })], containers: [exited(w1)] }, []],
    ["a crashed instance whose backoff passed restarts", { instances: [inst("w1", { state: "crashed", restartAt: NOW })], containers: [exited(w1)] }, [{ type: "restart", instanceId: "w1" }]],
    [
      "instances on a down host are forgotten and replaced elsewhere",
      { instances: [w1], hosts: [host("h1", { state: "down", listed: false }), host("h2")] },
      [{ type: "forget", instanceId: "w1", reason: "host h1 is down" }, start({ hostId: "h2" })],
    ],
    ["an unlisted host's instances are not judged", { instances: [w1], hosts: [host("h1", { listed: false }), host("h2")] }, []],
    [
      "a draining host's instance is replaced first, and kept until the replacement is up",
      { instances: [w1], containers: [running(w1)], hosts: [host("h1", { state: "draining" }), host("h2")] },
      [start({ hostId: "h2" })],
    ],
    [
      "a draining host's instance stops once its replacement is up",
      { instances: [w1, inst("w1b", { hostId: "h2" })], containers: [running(w1), running(inst("w1b", { hostId: "h2" }))], hosts: [host("h1", { state: "draining" }), host("h2")] },
      [{ type: "stop", instanceId: "w1", reason: "replaced (restart, resize or host draining)" }],
    ],
    [
      "a restart starts a replacement first",
      { instances: [inst("w1", { replaceRequested: true })], containers: [running(w1)] },
      [start({ hostId: "h2" })],
    ],
    [
      "a restarted instance stops once its replacement is up",
      { instances: [inst("w1", { replaceRequested: true }), inst("w1b", { hostId: "h2" })], containers: [running(w1), running(inst("w1b", { hostId: "h2" }))] },
      [{ type: "stop", instanceId: "w1", reason: "replaced (restart, resize or host draining)" }],
    ],
    [
      "a resized formation replaces its instances",
      { apps: [app({ formation: [{ type: "web", quantity: 1, size: "standard" }] })], instances: [w1], containers: [running(w1)] },
      [start({ size: "standard", hostId: "h2" })],
    ],
    ["a deploy's new instances are left to it", { instances: [w1, inst("n1", { releaseId: "r3", state: "starting" })], containers: [running(w1), running(inst("n1"))] }, []],
    ["a deploy's draining instances are left to it", { instances: [w1, inst("o1", { releaseId: "r1", state: "draining" })], containers: [running(w1), running(inst("o1"))] }, []],
    [
      "an abandoned deploy's instances are stopped",
      { instances: [w1, inst("n1", { releaseId: "r3", state: "starting", updatedAt: NOW - 91_000 })], containers: [running(w1), running(inst("n1"))] },
      [{ type: "stop", instanceId: "n1", reason: "abandoned while starting" }],
    ],
    [
      "an instance the reconciler started and then lost track of is replaced",
      { instances: [inst("w1", { state: "starting", containerId: null, updatedAt: NOW - 91_000 })] },
      [{ type: "stop", instanceId: "w1", reason: "abandoned while starting" }, start()],
    ],
    [
      "an old release's up instance is stopped",
      { instances: [w1, inst("o1", { releaseId: "r1" })], containers: [running(w1), running(inst("o1"))] },
      [{ type: "stop", instanceId: "o1", reason: "superseded by a newer release" }],
    ],
    [
      "a finished one-off is removed and never restarted",
      { instances: [w1, inst("run1", { type: "run", oneOff: true })], containers: [running(w1), exited(inst("run1"), 0)] },
      [{ type: "stop", instanceId: "run1", reason: "one-off finished" }],
    ],
    [
      "a one-off past its time limit is stopped, running or not yet started",
      {
        instances: [w1, inst("run1", { type: "run", oneOff: true, expiresAt: NOW }), inst("run2", { type: "run", oneOff: true, containerId: null, state: "starting", expiresAt: NOW - 1 })],
        containers: [running(w1), running(inst("run1"))],
      },
      [{ type: "stop", instanceId: "run1", reason: "one-off timed out" }, { type: "stop", instanceId: "run2", reason: "one-off timed out" }],
    ],
    ["a one-off before its time limit runs on", { instances: [w1, inst("run1", { type: "run", oneOff: true, expiresAt: NOW + 1 })], containers: [running(w1), running(inst("run1"))] }, []],
    ["a one-off being attached (no container yet) is left alone", { instances: [w1, inst("run1", { type: "run", oneOff: true, containerId: null, state: "starting", expiresAt: NOW + 1 })], containers: [running(w1)] }, []],
    ["a running one-off is not part of the formation", { instances: [w1, inst("run1", { type: "run", oneOff: true })], containers: [running(w1), running(inst("run1"))] }, []],
    [
      "no room: the start is refused with the reason",
      { apps: [app({ formation: [{ type: "web", quantity: 1, size: "performance-l" }] })], hosts: [host("h1"), host("h2", { memoryBytes: 4 * GB })] },
      [{ type: "unplaceable", appId: "a", processType: "web", reason: "needs 14 GB, largest free 8 GB on h1" }],
    ],
  ])("%s", (_name, over, expected) => {
    expect(planReconcile(world(over))).toEqual(expected);
  });
});
