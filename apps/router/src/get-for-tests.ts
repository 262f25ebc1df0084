import http from "node:http";

/** Test helper: a GET to a router on loopback with the given Host header, on a fresh connection. */
export function getWithHost(port: number, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http.get({ port, host: "127.0.0.1", agent: false, headers: { host } }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode!, body }));
    }).on("error", reject);
  });
}
