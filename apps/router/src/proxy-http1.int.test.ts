import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildLookup, compileRouteTable, type CompiledLookup } from "@pier/routing-core";
import { createRouterServer, type RouterServer } from "./router-server.js";

/** Raw-socket conversations with the router: what a node:http client would hide or refuse to send. */
function converse(port: number, text: string, until: (got: string) => boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, "127.0.0.1");
    let got = "";
    const timer = setTimeout(() => {
      s.destroy();
      reject(new Error(`no complete answer; got ${JSON.stringify(got)}`));
    }, 3000);
    s.setEncoding("latin1");
    s.on("data", (d: string) => {
      got += d;
      if (until(got)) {
        clearTimeout(timer);
        s.destroy();
        resolve(got);
      }
    });
    s.on("end", () => {
      clearTimeout(timer);
      resolve(got);
    });
    s.on("error", reject);
    s.write(text);
  });
}

const count = (text: string, what: string) => text.split(what).length - 1;

describe("router HTTP/1.1 handling", () => {
  const lines: string[] = [];
  let lookup: CompiledLookup;
  let router: RouterServer;
  let upstream: http.Server;
  let port: number;
  const upstreamSockets = new Set<net.Socket>();

  beforeAll(async () => {
    upstream = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        res.setHeader("content-type", "text/plain");
        res.end(`${req.method} ${req.url} te=${req.headers["transfer-encoding"] ?? "-"} cl=${req.headers["content-length"] ?? "-"} proto=${req.headers["x-forwarded-proto"]} body=${body}`);
      });
    });
    upstream.on("connection", (s: net.Socket) => upstreamSockets.add(s));
    await new Promise<void>((r) => upstream.listen(0, "127.0.0.1", () => r()));
    const backend = { host: "127.0.0.1", port: (upstream.address() as AddressInfo).port, instance: "web.1" };
    lookup = buildLookup(compileRouteTable({ baseDomain: "localhost", apps: [{ name: "app", domains: [], backends: [backend] }] }));
    router = createRouterServer({ getLookup: () => lookup, log: (l) => lines.push(l), maxBodyBytes: 1000 });
    await new Promise<void>((r) => router.listen(0, "127.0.0.1", () => r()));
    port = (router.address() as AddressInfo).port;
  });
  afterAll(async () => {
    router.closeAllConnections();
    upstream.closeAllConnections();
    await Promise.all([new Promise((r) => router.close(r)), new Promise((r) => upstream.close(r))]);
  });
  beforeEach(() => {
    lines.length = 0;
  });

  it("answers pipelined requests in order on one connection", async () => {
    const req = (p: string) => `GET /${p} HTTP/1.1\r\nHost: app.localhost\r\n\r\n`;
    const got = await converse(port, req("one") + req("two") + req("three"), (g) => count(g, "HTTP/1.1 200") === 3 && g.includes("/three"));
    expect(got.indexOf("GET /one")).toBeLessThan(got.indexOf("GET /two"));
    expect(got.indexOf("GET /two")).toBeLessThan(got.indexOf("GET /three"));
  });

  it("reuses upstream connections across requests", async () => {
    const before = upstreamSockets.size;
    for (let i = 0; i < 5; i += 1) await converse(port, "GET / HTTP/1.1\r\nHost: app.localhost\r\nConnection: close\r\n\r\n", () => false);
    expect(upstreamSockets.size - before).toBeLessThanOrEqual(1);
  });

  it("forwards a chunked request body as chunked", async () => {
    const got = await converse(port, "POST /c HTTP/1.1\r\nHost: app.localhost\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n", (g) => g.includes("body=abcde"));
    expect(got).toContain("te=chunked cl=- proto=http body=abcde");
  });

  it("answers Expect: 100-continue itself while the body is still to come", async () => {
    const got = await converse(port, "POST /e HTTP/1.1\r\nHost: app.localhost\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n", (g) => g.includes("\r\n\r\n"));
    expect(got).toBe("HTTP/1.1 100 Continue\r\n\r\n");
  });

  it.each([
    ["an Expect other than 100-continue", "POST / HTTP/1.1\r\nHost: app.localhost\r\nExpect: magic\r\nContent-Length: 0\r\n\r\n", 417],
    ["a body over the limit", "POST / HTTP/1.1\r\nHost: app.localhost\r\nContent-Length: 5000\r\n\r\n", 413],
    ["a header line over 8 KB", `GET / HTTP/1.1\r\nHost: app.localhost\r\nX-Big: ${"a".repeat(9000)}\r\n\r\n`, 431],
    ["conflicting Content-Length", "POST / HTTP/1.1\r\nHost: app.localhost\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", 400],
  ])("answers %s with its status", async (_what, text, status) => {
    const got = await converse(port, text, (g) => g.includes("</html>"));
    expect(got.startsWith(`HTTP/1.1 ${status} `)).toBe(true);
    expect(lines.at(-1)).toContain(`status=${status}`);
  });

  it("answers a chunked body over the limit with 413 and closes", async () => {
    const got = await converse(port, `POST / HTTP/1.1\r\nHost: app.localhost\r\nTransfer-Encoding: chunked\r\n\r\n7d0\r\n${"a".repeat(2000)}\r\n0\r\n\r\n`, (g) => g.includes("</html>"));
    expect(got.startsWith("HTTP/1.1 413 ")).toBe(true);
    expect(got).toContain("Connection: close");
  });

  it("gives JSON error bodies to clients asking for JSON", async () => {
    const got = await converse(port, "GET / HTTP/1.1\r\nHost: nope.localhost\r\nAccept: application/json\r\n\r\n", (g) => g.endsWith("}"));
    expect(got).toContain("Content-Type: application/json");
    expect(JSON.parse(got.slice(got.indexOf("\r\n\r\n") + 4))).toMatchObject({ id: "no_such_app" });
  });

  it("closes after answering an HTTP/1.0 client", async () => {
    const got = await converse(port, "GET /old HTTP/1.0\r\nHost: app.localhost\r\n\r\n", () => false);
    expect(got).toMatch(/^HTTP\/1\.1 200 /);
    expect(got).toContain("GET /old");
  });
});
