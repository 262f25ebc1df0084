export { backoffDelayMs } from "./backoff.js";
export { planReconcile, type DesiredInstance, type ObservedInstanceContainer, type ReconcileAction } from "./plan-reconcile.js";
