import { findSize, DEFAULT_SIZE, placeInstances, type PlacementRequest } from "@pier/placement-core";
import { backoffDelayMs } from "./backoff.js";
import type { ContainerView, InstanceView, ReconcileAction, ReconcileInput } from "./types.js";

/** Extra time beyond a deploy's own timeouts before its leftovers count as abandoned. */
const ABANDONED_AFTER_MS = 30_000;

const LIVE = new Set<InstanceView["state"]>(["starting", "up", "draining", "crashed"]);

const memoryOf = (size: string) => (findSize(size) ?? findSize(DEFAULT_SIZE)!).memoryBytes;

/**
 * Level-triggered: compares what Pier wants (apps' current releases and formation, instance rows)
 * with what the engines report (labelled containers) and returns what to do, whatever events led
 * here. Instances of a release being deployed belong to that deploy until they look abandoned.
 */
export function planReconcile(input: ReconcileInput): ReconcileAction[] {
  const actions: ReconcileAction[] = [];
  const hosts = new Map(input.hosts.map((h) => [h.id, h]));
  const rows = input.instances.filter((i) => LIVE.has(i.state)).map((i) => ({ ...i }));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const gone = new Set<string>();
  const drop = (r: InstanceView, action: ReconcileAction) => {
    actions.push(action);
    gone.add(r.id);
  };

  for (const c of input.containers) {
    const reason = strayReason(c, c.instanceId ? byId.get(c.instanceId) : undefined);
    if (reason) actions.push({ type: "remove-stray", hostId: c.hostId, containerId: c.containerId, reason });
  }

  const containers = new Map(input.containers.map((c) => [c.containerId, c]));
  for (const r of rows) {
    const host = hosts.get(r.hostId);
    if (!host || host.state === "down") {
      drop(r, { type: "forget", instanceId: r.id, reason: `host ${host?.name ?? r.hostId} is down` });
      continue;
    }
    // A one-off past its time limit stops, running or not (an attach that never came, a hung command).
    if (r.oneOff && r.expiresAt !== null && input.now >= r.expiresAt) {
      drop(r, { type: "stop", instanceId: r.id, reason: "one-off timed out" });
      continue;
    }
    if (!host.listed || !r.containerId) continue;
    // Started after the listing began (rows are read after it): missing from it, or listed as not
    // yet running (created, being started), is no sign of a crash; the next pass judges it.
    if (r.startedAt !== null && host.listedAt !== null && r.startedAt >= host.listedAt) continue;
    const c = containers.get(r.containerId);
    const alive = c?.running === true;
    if (r.oneOff) {
      if (!alive) drop(r, { type: "stop", instanceId: r.id, reason: "one-off finished" });
    } else if ((r.state === "up" || r.state === "starting") && !alive) {
      const restartAt = input.now + backoffDelayMs(r.restarts);
      actions.push({ type: "mark-crashed", instanceId: r.id, exitCode: c?.exitCode ?? null, restartAt });
      r.state = "crashed";
      r.restartAt = restartAt;
    }
  }

  const apps = new Map(input.apps.map((a) => [a.id, a]));
  for (const r of rows) {
    if (gone.has(r.id) || r.oneOff) continue;
    const age = input.now - r.updatedAt;
    // Whoever started it stopped waiting for its health check long ago (a worker died).
    if (r.state === "starting" && age >= input.bootTimeoutMs + ABANDONED_AFTER_MS) {
      drop(r, { type: "stop", instanceId: r.id, reason: "abandoned while starting" });
      continue;
    }
    if (r.releaseId === apps.get(r.appId)?.currentReleaseId) continue;
    if (r.state === "starting") continue;
    if (r.state === "draining" && age < input.stopTimeoutMs + ABANDONED_AFTER_MS) continue;
    drop(r, { type: "stop", instanceId: r.id, reason: "superseded by a newer release" });
  }

  const requests: (PlacementRequest & { appId: string; releaseId: string; processType: string; size: string; numbers: number[] })[] = [];
  for (const app of input.apps) {
    if (!app.currentReleaseId) continue;
    const current = rows.filter((r) => !gone.has(r.id) && !r.oneOff && r.appId === app.id && r.releaseId === app.currentReleaseId);
    const types = new Set([...app.formation.map((f) => f.type), ...current.map((r) => r.type)]);
    for (const type of [...types].sort()) {
      const f = app.formation.find((x) => x.type === type);
      const want = f && app.processTypes.includes(type) ? f.quantity : 0;
      const size = f?.size ?? DEFAULT_SIZE;
      const ofType = current.filter((r) => r.type === type).sort((a, b) => a.number - b.number || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      // Instances on a draining host, of an old size or asked to restart are replaced first, then stopped.
      const retiring = ofType.filter((r) => hosts.get(r.hostId)?.state !== "ready" || r.size !== size || r.replaceRequested);
      const serving = ofType.filter((r) => !retiring.includes(r));
      const kept = new Map<number, InstanceView>();
      for (const r of serving) {
        if (r.number <= want && !kept.has(r.number)) kept.set(r.number, r);
        else drop(r, { type: "stop", instanceId: r.id, reason: "scaled down" });
      }
      for (const r of kept.values()) {
        if (r.state === "crashed" && (r.restartAt ?? 0) <= input.now) actions.push({ type: "restart", instanceId: r.id });
      }
      const upCount = [...kept.values()].filter((r) => r.state === "up").length;
      for (const r of retiring) {
        if (upCount >= want || r.state === "crashed") drop(r, { type: "stop", instanceId: r.id, reason: "replaced (restart, resize or host draining)" });
      }
      const numbers = Array.from({ length: want }, (_, i) => i + 1).filter((n) => !kept.has(n));
      if (numbers.length > 0) {
        requests.push({ group: `${app.id}/${type}`, memoryBytes: memoryOf(size), count: numbers.length, appId: app.id, releaseId: app.currentReleaseId, processType: type, size, numbers });
      }
    }
  }
  if (requests.length > 0) actions.push(...placeStarts(input, rows.filter((r) => !gone.has(r.id)), requests));
  return actions;
}

function strayReason(c: ContainerView, row: InstanceView | undefined): string | undefined {
  if (!c.instanceId) return "no instance label";
  if (!row) return "instance no longer wanted";
  if (row.hostId !== c.hostId) return "instance belongs on another host";
  // A row without a container id is being started right now: its container is not a stray.
  if (row.containerId && row.containerId !== c.containerId) return "instance has a newer container";
  return undefined;
}

/** Places each request on its own, so one app that does not fit does not block the others. */
function placeStarts(
  input: ReconcileInput,
  live: InstanceView[],
  requests: (PlacementRequest & { appId: string; releaseId: string; processType: string; size: string; numbers: number[] })[],
): ReconcileAction[] {
  const allocated = new Map<string, number>();
  for (const r of live) allocated.set(r.hostId, (allocated.get(r.hostId) ?? 0) + memoryOf(r.size));
  const hosts = input.hosts.map((h) => ({ id: h.id, name: h.name, ready: h.state === "ready" && h.listed, memoryBytes: h.memoryBytes, allocatedBytes: allocated.get(h.id) ?? 0 }));
  const existing = live.map((r) => ({ group: `${r.appId}/${r.type}`, hostId: r.hostId }));
  const actions: ReconcileAction[] = [];
  for (const req of requests) {
    const result = placeInstances({ hosts, existing, requests: [req] });
    if (!result.ok) {
      actions.push({ type: "unplaceable", appId: req.appId, processType: req.processType, reason: result.reason });
      continue;
    }
    result.placements[0]!.hostIds.forEach((hostId, i) => {
      actions.push({ type: "start", appId: req.appId, releaseId: req.releaseId, processType: req.processType, number: req.numbers[i]!, size: req.size, hostId });
      existing.push({ group: req.group, hostId });
      const host = hosts.find((h) => h.id === hostId)!;
      host.allocatedBytes += req.memoryBytes;
    });
  }
  return actions;
}
