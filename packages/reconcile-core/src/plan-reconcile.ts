/**
 * Level-triggered: compares what Pier wants (instance rows) with what an engine reports (labelled
 * containers) and returns what to do, whatever events led here.
 */
export interface DesiredInstance {
  id: string;
  state: "starting" | "up" | "draining" | "stopped" | "crashed";
  containerId: string | null;
}

export interface ObservedInstanceContainer {
  containerId: string;
  /** The `pier.instance` label: the instance row it was started for. */
  instanceId: string | undefined;
  running: boolean;
}

export type ReconcileAction =
  | { type: "remove-stray"; containerId: string; reason: string }
  | { type: "mark-crashed"; instanceId: string; containerId: string | null };

const LIVE = new Set<DesiredInstance["state"]>(["starting", "up", "draining"]);

export function planReconcile(desired: DesiredInstance[], observed: ObservedInstanceContainer[]): ReconcileAction[] {
  const wanted = new Map(desired.filter((d) => LIVE.has(d.state)).map((d) => [d.id, d]));
  const seen = new Map(observed.map((o) => [o.containerId, o]));
  const actions: ReconcileAction[] = [];
  for (const o of observed) {
    if (!o.instanceId || !wanted.has(o.instanceId)) {
      actions.push({ type: "remove-stray", containerId: o.containerId, reason: o.instanceId ? "instance no longer wanted" : "no instance label" });
    }
  }
  for (const d of wanted.values()) {
    // "starting" instances belong to a deploy in progress, which watches them itself.
    if (d.state !== "up") continue;
    const container = d.containerId ? seen.get(d.containerId) : undefined;
    if (!container || !container.running) actions.push({ type: "mark-crashed", instanceId: d.id, containerId: d.containerId });
  }
  return actions;
}
