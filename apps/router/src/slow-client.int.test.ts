import http from "node:http";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildLookup } from "@pier/routing-core";
import { closeNow, listenOnFreePort } from "./listen-for-tests.js";
import { createRouterServer, type RouterServer } from "./router-server.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A raw client: what it received, and when the router closed the connection. */
function rawClient(port: number): { socket: net.Socket; received: () => string; closed: Promise<number> } {
  const socket = net.connect(port, "127.0.0.1");
  const started = Date.now();
  let text = "";
  socket.setEncoding("latin1");
  socket.on("data", (c: string) => (text += c));
  socket.on("error", () => undefined);
  const closed = new Promise<number>((resolve) => socket.on("close", () => resolve(Date.now() - started)));
  return { socket, received: () => text, closed };
}

describe("router slow-client protection", () => {
  let app: http.Server;
  let router: RouterServer;
  let port: number;
  const lines: string[] = [];
  const aborted: string[] = [];

  beforeAll(async () => {
    app = http.createServer((req, res) => {
      req.on("aborted", () => aborted.push(req.url!));
      req.resume();
      req.on("end", () => res.end("ok"));
    });
    const backend = { host: "127.0.0.1", port: await listenOnFreePort(app), instance: "web.1" };
    const lookup = buildLookup({ routes: { "a.localhost": { app: "a", maintenance: false, backends: [backend] } } });
    router = createRouterServer({ getLookup: () => lookup, log: (l) => lines.push(l), headTimeoutMs: 1000, bodyIdleTimeoutMs: 1000, keepAliveTimeoutMs: 3000 });
    port = await listenOnFreePort(router);
  });

  afterAll(async () => {
    await Promise.all([closeNow(router), closeNow(app)]);
  });

  it("answers 408 and closes when the head dribbles in past the head timeout (slowloris)", async () => {
    const c = rawClient(port);
    c.socket.write("GET / HTTP/1.1\r\nHost: a.localhost\r\n");
    const dribble = setInterval(() => c.socket.write("X-Slow: y\r\n"), 100);
    const ms = await c.closed;
    clearInterval(dribble);
    expect(c.received()).toMatch(/^HTTP\/1\.1 408 Request timeout\r\n/);
    expect(c.received()).toContain("Connection: close\r\n");
    expect(ms).toBeGreaterThanOrEqual(950);
    expect(ms).toBeLessThan(5000);
    expect(lines.at(-1)).toMatch(/^at=error code=H28 desc="Client Connection Idle: request head not complete after 1000 ms" .* status=408 /);
  });

  it("closes a connection that sends nothing, without an answer", async () => {
    const c = rawClient(port);
    const ms = await c.closed;
    expect(c.received()).toBe("");
    expect(ms).toBeGreaterThanOrEqual(950);
    expect(ms).toBeLessThan(5000);
  });

  it("answers 408 when the request body stops coming, and the app sees the request cut", async () => {
    const c = rawClient(port);
    c.socket.write("POST /upload HTTP/1.1\r\nHost: a.localhost\r\nContent-Length: 10\r\n\r\nabc");
    const ms = await c.closed;
    expect(c.received()).toMatch(/^HTTP\/1\.1 408 Request timeout\r\n/);
    expect(ms).toBeGreaterThanOrEqual(950);
    expect(lines.at(-1)).toMatch(/^at=error code=H28 desc="Client Connection Idle" method=POST path="\/upload" .* status=408 /);
    await sleep(100);
    expect(aborted).toContain("/upload");
  });

  it("serves a slow client that finishes in time, and keeps an idle keep-alive connection past the head timeout", async () => {
    const c = rawClient(port);
    for (const piece of ["GET /one HTTP/1.1\r\n", "Host: a.localhost\r\n", "\r\n"]) {
      c.socket.write(piece);
      await sleep(80);
    }
    await sleep(1300); // idle between requests: the keep-alive timeout applies, not the head timeout
    c.socket.write("GET /two HTTP/1.1\r\nHost: a.localhost\r\n\r\n");
    await sleep(200);
    expect(c.received().match(/HTTP\/1\.1 200 OK/g)).toHaveLength(2);
    expect(c.socket.destroyed).toBe(false);
    const ms = await c.closed; // then the keep-alive timeout closes it
    expect(ms).toBeGreaterThanOrEqual(2900);
  });
});
