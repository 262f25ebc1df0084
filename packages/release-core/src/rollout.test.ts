import { describe, expect, it } from "vitest";
import { advanceRollout, initialRollout, isFinished, type RolloutEvent, type RolloutInput, type RolloutState } from "./rollout.js";

const input = (over: Partial<RolloutInput> = {}): RolloutInput => ({
  types: [
    { type: "web", quantity: 2, http: true, old: ["old-w1"] },
    { type: "worker", quantity: 1, http: false, old: ["old-k1"] },
  ],
  drainMs: 2000,
  graceSeconds: 30,
  ...over,
});

/** Feeds events in order; returns the last state and every command issued. */
function play(events: RolloutEvent[], start: RolloutState = initialRollout(input())) {
  let state = start;
  const commands = [];
  for (const e of events) {
    const step = advanceRollout(state, e);
    state = step.state;
    commands.push(...step.commands);
  }
  return { state, commands };
}

const started: RolloutEvent[] = [
  { type: "begin" },
  { type: "instance-started", key: "web.1", instanceId: "n-w1" },
  { type: "instance-started", key: "web.2", instanceId: "n-w2" },
  { type: "instance-started", key: "worker.1", instanceId: "n-k1" },
];
const healthy: RolloutEvent[] = [
  ...started,
  { type: "instance-healthy", key: "web.1" },
  { type: "instance-healthy", key: "web.2" },
  { type: "instance-healthy", key: "worker.1" },
];

describe("rollout", () => {
  it("begin starts every new instance of every process type", () => {
    const { state, commands } = play([{ type: "begin" }]);
    expect(state.phase).toBe("starting");
    expect(commands).toEqual([
      { type: "start-instance", key: "web.1", processType: "web", number: 1 },
      { type: "start-instance", key: "web.2", processType: "web", number: 2 },
      { type: "start-instance", key: "worker.1", processType: "worker", number: 1 },
    ]);
  });

  it("a started instance is health-checked (HTTP for web, liveness for others)", () => {
    const { state, commands } = play(started);
    expect(state.instances.map((i) => i.status)).toEqual(["started", "started", "started"]);
    expect(commands.slice(3)).toEqual([
      { type: "check-health", key: "web.1", instanceId: "n-w1", http: true },
      { type: "check-health", key: "web.2", instanceId: "n-w2", http: true },
      { type: "check-health", key: "worker.1", instanceId: "n-k1", http: false },
    ]);
  });

  it("routes do not switch until every new instance is healthy", () => {
    const { state, commands } = play(healthy.slice(0, -1));
    expect(state.phase).toBe("starting");
    expect(commands.some((c) => c.type === "switch-routes")).toBe(false);
  });

  it("the last healthy instance switches routes", () => {
    const { state, commands } = play(healthy);
    expect(state.phase).toBe("switching");
    expect(commands.at(-1)).toEqual({ type: "switch-routes" });
  });

  it("once routes switched, the old instances drain", () => {
    const { state, commands } = play([...healthy, { type: "routes-switched" }]);
    expect(state.phase).toBe("draining");
    expect(commands.at(-1)).toEqual({ type: "wait-drain", ms: 2000 });
  });

  it("after draining, the old instances of every type are stopped with the grace period", () => {
    const { state, commands } = play([...healthy, { type: "routes-switched" }, { type: "drained" }]);
    expect(state.phase).toBe("stopping-old");
    expect(commands.at(-1)).toEqual({ type: "stop-instances", instanceIds: ["old-w1", "old-k1"], graceSeconds: 30, which: "old" });
  });

  it("succeeds once the old instances stopped", () => {
    const { state } = play([...healthy, { type: "routes-switched" }, { type: "drained" }, { type: "instances-stopped", instanceIds: ["old-w1", "old-k1"] }]);
    expect(state.phase).toBe("succeeded");
    expect(isFinished(state)).toBe(true);
  });

  it("a first release (nothing old) succeeds once routes switched, without draining or stopping anything", () => {
    const first = initialRollout(input({ types: [{ type: "web", quantity: 1, http: true, old: [] }] }));
    const { state, commands } = play(
      [{ type: "begin" }, { type: "instance-started", key: "web.1", instanceId: "n" }, { type: "instance-healthy", key: "web.1" }, { type: "routes-switched" }],
      first,
    );
    expect(state.phase).toBe("succeeded");
    expect(commands.some((c) => c.type === "stop-instances" || c.type === "wait-drain")).toBe(false);
  });

  it("scaled to zero everywhere, begin switches at once (the old instances then stop)", () => {
    const { state, commands } = play([{ type: "begin" }], initialRollout(input({ types: [{ type: "web", quantity: 0, http: true, old: ["o"] }] })));
    expect(state.phase).toBe("switching");
    expect(commands).toEqual([{ type: "switch-routes" }]);
  });

  it("an unhealthy instance stops the new instances that run and waits for those still starting", () => {
    const { state, commands } = play([
      { type: "begin" },
      { type: "instance-started", key: "web.1", instanceId: "n-w1" },
      { type: "instance-failed", key: "web.1", why: "did not answer HTTP on $PORT within 60 s" },
    ]);
    expect(state.phase).toBe("rolling-back");
    expect(state.failure).toBe("web.1 did not answer HTTP on $PORT within 60 s");
    // web.1 failed its check but its container runs: it is stopped like the others.
    expect(commands.at(-1)).toEqual({ type: "stop-instances", instanceIds: ["n-w1"], graceSeconds: 30, which: "new" });
    expect(state.instances.map((i) => i.status)).toEqual(["stopping", "starting", "starting"]);
  });

  it("a failed health check of a running instance stops it with the others that run", () => {
    const { state, commands } = play([...started, { type: "instance-healthy", key: "web.2" }, { type: "instance-failed", key: "web.1", why: "exited with code 1" }]);
    expect(state.phase).toBe("rolling-back");
    expect(commands.at(-1)).toEqual({ type: "stop-instances", instanceIds: ["n-w1", "n-w2", "n-k1"], graceSeconds: 30, which: "new" });
  });

  it("while rolling back, an instance that finishes starting is stopped at once", () => {
    const { commands } = play([
      { type: "begin" },
      { type: "instance-failed", key: "web.1", why: "could not start" },
      { type: "instance-started", key: "web.2", instanceId: "n-w2" },
    ]);
    expect(commands.at(-1)).toEqual({ type: "stop-instances", instanceIds: ["n-w2"], graceSeconds: 30, which: "new" });
  });

  it("fails, marking the release with why, once nothing new is starting or stopping", () => {
    const { state, commands } = play([
      { type: "begin" },
      { type: "instance-failed", key: "web.1", why: "could not start" },
      { type: "instance-started", key: "web.2", instanceId: "n-w2" },
      { type: "instance-failed", key: "worker.1", why: "could not start" },
      { type: "instances-stopped", instanceIds: ["n-w2"] },
    ]);
    expect(state.phase).toBe("failed");
    expect(isFinished(state)).toBe(true);
    expect(commands.at(-1)).toEqual({ type: "mark-release-failed", why: "web.1 could not start" });
  });

  it("never touches the old instances when it fails", () => {
    const { commands } = play([...started, { type: "instance-failed", key: "worker.1", why: "exited" }, { type: "instances-stopped", instanceIds: ["n-w1", "n-w2", "n-k1"] }]);
    const stopped = commands.flatMap((c) => (c.type === "stop-instances" ? c.instanceIds : []));
    expect(stopped).not.toContain("old-w1");
    expect(stopped).not.toContain("old-k1");
  });

  it.each<[string, RolloutEvent[], RolloutEvent]>([
    ["a second begin", [{ type: "begin" }], { type: "begin" }],
    ["health of an unknown instance", started, { type: "instance-healthy", key: "web.9" }],
    ["health before the instance started", [{ type: "begin" }], { type: "instance-healthy", key: "web.1" }],
    ["a late health result after the failure", [...started, { type: "instance-failed", key: "web.1", why: "x" }], { type: "instance-healthy", key: "web.2" }],
    ["a second failure while rolling back", [...started, { type: "instance-failed", key: "web.1", why: "x" }], { type: "instance-failed", key: "web.2", why: "y" }],
    ["routes-switched while starting", started, { type: "routes-switched" }],
    ["drained before routes switched", healthy, { type: "drained" }],
    ["anything after success", [...healthy, { type: "routes-switched" }, { type: "drained" }, { type: "instances-stopped", instanceIds: [] }], { type: "begin" }],
    ["events before begin", [], { type: "instance-started", key: "web.1", instanceId: "n" }],
  ])("ignores %s", (_name, before, event) => {
    const { state } = play(before);
    expect(advanceRollout(state, event)).toEqual({ state, commands: [] });
  });
});
