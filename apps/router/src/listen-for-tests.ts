import type http from "node:http";
import type { AddressInfo } from "node:net";
import type { RouterServer } from "./router-server.js";

/** Test helpers: listen on a free loopback port, and close with every connection. */
export function listenOnFreePort(server: http.Server | RouterServer): Promise<number> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)));
}

export function closeNow(server: http.Server | RouterServer): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
