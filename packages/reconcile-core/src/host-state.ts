import type { HostState } from "./types.js";

/** A host whose engine has not answered for this long is down: its instances start elsewhere. */
export const HOST_DOWN_AFTER_MS = 6_000;

/**
 * A host's state after a heartbeat attempt. Draining is the operator's choice and stays; a down
 * host that answers again is ready (its old containers are strays by then and get removed).
 */
export function nextHostState(host: { state: HostState; lastHeartbeatAt: number | null }, answered: boolean, now: number): HostState {
  if (answered) return host.state === "down" ? "ready" : host.state;
  if (host.state === "down") return "down";
  const silentFor = now - (host.lastHeartbeatAt ?? 0);
  return silentFor >= HOST_DOWN_AFTER_MS ? "down" : host.state;
}
