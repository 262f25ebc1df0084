export { planReconcile, type DesiredInstance, type ObservedInstanceContainer, type ReconcileAction } from "./plan-reconcile.js";
