/**
 * A deploy as a pure state machine (kamal-proxy's DeployService, Heroku's preboot): start the new
 * release's instances, gate them on health, switch routes to them in one step, let the old ones
 * drain, then stop them (SIGTERM, SIGKILL after the grace period). A failure before the switch
 * stops only the new instances; the old ones never stopped serving.
 *
 * Every process type rolls: its new set replaces its old set. The switch is one step for the
 * whole release, so a release never runs half new and half old.
 */
export interface RolloutType {
  type: string;
  quantity: number;
  /** Web instances must answer HTTP on $PORT; others must just stay up. */
  http: boolean;
  /** Instance ids of the running release's instances of this type. */
  old: string[];
}

export interface RolloutInput {
  types: RolloutType[];
  /** How long old instances keep their in-flight requests after routes moved away. */
  drainMs: number;
  /** SIGTERM -> SIGKILL. */
  graceSeconds: number;
}

export type NewInstanceStatus = "pending" | "starting" | "started" | "healthy" | "stopping" | "stopped" | "failed";

export interface NewInstance {
  /** "web.1" */
  key: string;
  type: string;
  number: number;
  http: boolean;
  status: NewInstanceStatus;
  instanceId?: string;
}

export type RolloutPhase = "ready" | "starting" | "switching" | "draining" | "stopping-old" | "succeeded" | "rolling-back" | "failed";

export interface RolloutState {
  phase: RolloutPhase;
  input: RolloutInput;
  instances: NewInstance[];
  /** Why the rollout failed (first failure only): shown on the release. */
  failure?: string;
}

export type RolloutEvent =
  | { type: "begin" }
  | { type: "instance-started"; key: string; instanceId: string }
  | { type: "instance-healthy"; key: string }
  | { type: "instance-failed"; key: string; why: string }
  | { type: "routes-switched" }
  | { type: "drained" }
  | { type: "instances-stopped"; instanceIds: string[] };

export type RolloutCommand =
  | { type: "start-instance"; key: string; processType: string; number: number }
  | { type: "check-health"; key: string; instanceId: string; http: boolean }
  /** Atomically: new instances up, old draining, the release current; then publish routes. */
  | { type: "switch-routes" }
  | { type: "wait-drain"; ms: number }
  | { type: "stop-instances"; instanceIds: string[]; graceSeconds: number; which: "old" | "new" }
  | { type: "mark-release-failed"; why: string };

export interface Step {
  state: RolloutState;
  commands: RolloutCommand[];
}

export function initialRollout(input: RolloutInput): RolloutState {
  const instances = input.types.flatMap((t) =>
    Array.from({ length: t.quantity }, (_, i): NewInstance => ({ key: `${t.type}.${i + 1}`, type: t.type, number: i + 1, http: t.http, status: "pending" })),
  );
  return { phase: "ready", input, instances };
}

export const isFinished = (s: RolloutState) => s.phase === "succeeded" || s.phase === "failed";

/** The next state and what to do, for one event. Events that no longer matter change nothing. */
export function advanceRollout(state: RolloutState, event: RolloutEvent): Step {
  switch (state.phase) {
    case "ready":
      return event.type === "begin" ? begin(state) : still(state);
    case "starting":
      return whileStarting(state, event);
    case "rolling-back":
      return whileRollingBack(state, event);
    case "switching":
      if (event.type !== "routes-switched") return still(state);
      // Nothing old to drain (a first release): done at once.
      if (state.input.types.every((t) => t.old.length === 0)) return { state: { ...state, phase: "succeeded" }, commands: [] };
      return { state: { ...state, phase: "draining" }, commands: [{ type: "wait-drain", ms: state.input.drainMs }] };
    case "draining": {
      if (event.type !== "drained") return still(state);
      const old = state.input.types.flatMap((t) => t.old);
      if (old.length === 0) return { state: { ...state, phase: "succeeded" }, commands: [] };
      return { state: { ...state, phase: "stopping-old" }, commands: [{ type: "stop-instances", instanceIds: old, graceSeconds: state.input.graceSeconds, which: "old" }] };
    }
    case "stopping-old":
      return event.type === "instances-stopped" ? { state: { ...state, phase: "succeeded" }, commands: [] } : still(state);
    case "succeeded":
    case "failed":
      return still(state);
  }
}

const still = (state: RolloutState): Step => ({ state, commands: [] });

function begin(state: RolloutState): Step {
  if (state.instances.length === 0) return { state: { ...state, phase: "switching" }, commands: [{ type: "switch-routes" }] };
  return {
    state: { ...state, phase: "starting", instances: state.instances.map((i) => ({ ...i, status: "starting" })) },
    commands: state.instances.map((i) => ({ type: "start-instance", key: i.key, processType: i.type, number: i.number })),
  };
}

function update(state: RolloutState, key: string, patch: Partial<NewInstance>): RolloutState {
  return { ...state, instances: state.instances.map((i) => (i.key === key ? { ...i, ...patch } : i)) };
}

const find = (state: RolloutState, key: string) => state.instances.find((i) => i.key === key);

function whileStarting(state: RolloutState, event: RolloutEvent): Step {
  const inst = "key" in event ? find(state, event.key) : undefined;
  switch (event.type) {
    case "instance-started":
      if (inst?.status !== "starting") return still(state);
      return {
        state: update(state, event.key, { status: "started", instanceId: event.instanceId }),
        commands: [{ type: "check-health", key: event.key, instanceId: event.instanceId, http: inst.http }],
      };
    case "instance-healthy": {
      if (inst?.status !== "started") return still(state);
      const next = update(state, event.key, { status: "healthy" });
      if (next.instances.some((i) => i.status !== "healthy")) return still(next);
      return { state: { ...next, phase: "switching" }, commands: [{ type: "switch-routes" }] };
    }
    case "instance-failed":
      if (!inst || (inst.status !== "starting" && inst.status !== "started")) return still(state);
      // One that started but failed its health check still has a container: it is stopped below.
      return rollBack(inst.status === "starting" ? update(state, event.key, { status: "failed" }) : state, `${event.key} ${event.why}`);
    default:
      return still(state);
  }
}

/** Stops every new instance that runs; the ones still starting are stopped when they report. */
function rollBack(state: RolloutState, why: string): Step {
  const running = state.instances.filter((i) => (i.status === "started" || i.status === "healthy") && i.instanceId);
  const next: RolloutState = {
    ...state,
    phase: "rolling-back",
    failure: why,
    instances: state.instances.map((i) => (running.includes(i) ? { ...i, status: "stopping" } : i)),
  };
  const commands: RolloutCommand[] = running.length
    ? [{ type: "stop-instances", instanceIds: running.map((i) => i.instanceId!), graceSeconds: state.input.graceSeconds, which: "new" }]
    : [];
  return settleRollBack(next, commands);
}

function whileRollingBack(state: RolloutState, event: RolloutEvent): Step {
  const inst = "key" in event ? find(state, event.key) : undefined;
  switch (event.type) {
    case "instance-started":
      if (inst?.status !== "starting") return still(state);
      return settleRollBack(update(state, event.key, { status: "stopping", instanceId: event.instanceId }), [
        { type: "stop-instances", instanceIds: [event.instanceId], graceSeconds: state.input.graceSeconds, which: "new" },
      ]);
    case "instance-failed":
      if (inst?.status !== "starting") return still(state);
      return settleRollBack(update(state, event.key, { status: "failed" }), []);
    case "instances-stopped": {
      const ids = new Set(event.instanceIds);
      const next = { ...state, instances: state.instances.map((i) => (i.instanceId && ids.has(i.instanceId) && i.status === "stopping" ? { ...i, status: "stopped" as const } : i)) };
      return settleRollBack(next, []);
    }
    default:
      return still(state);
  }
}

/** Once no new instance is starting or stopping, the rollout has failed and the release says why. */
function settleRollBack(state: RolloutState, commands: RolloutCommand[]): Step {
  const busy = state.instances.some((i) => i.status === "starting" || i.status === "stopping");
  if (busy) return { state, commands };
  return { state: { ...state, phase: "failed" }, commands: [...commands, { type: "mark-release-failed", why: state.failure ?? "unknown failure" }] };
}
