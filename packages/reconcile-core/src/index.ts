export { backoffDelayMs } from "./backoff.js";
export { planReconcile } from "./plan-reconcile.js";
export { nextHostState, HOST_DOWN_AFTER_MS } from "./host-state.js";
export type { AppView, ContainerView, HostState, HostView, InstanceState, InstanceView, ReconcileAction, ReconcileInput } from "./types.js";
