export { createRouterServer, type RouterServer, type RouterServerOptions } from "./router-server.js";
export { startRouter, type RunningRouter, type StartRouterOptions } from "./start-router.js";
export { RouteHolder } from "./route-holder.js";
export { createSnapshotWriter, loadSnapshot, saveSnapshot, snapshotPath } from "./snapshot.js";
export { createLineWriter } from "./line-writer.js";
export { ROUTER_ERRORS, type RouterErrorKind } from "./router-errors.js";
export { UpstreamPool } from "./http1/upstream-pool.js";
export type { Intercept, LocalReply } from "./proxy-context.js";
