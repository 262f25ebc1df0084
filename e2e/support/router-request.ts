import { request } from "node:http";
import type { RunningPier } from "./pier.js";

export interface RouterResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Raw bytes (not decompressed). */
  body: Buffer;
}

/** A request through Pier's router with the app's Host header and any other headers. */
export function routerRequest(pier: RunningPier, host: string, path = "/", headers: Record<string, string> = {}): Promise<RouterResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port: pier.httpPort, path, headers: { ...headers, Host: host } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (d: Buffer) => chunks.push(d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}
