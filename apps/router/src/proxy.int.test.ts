import { createHash, randomBytes } from "node:crypto";
import http from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildLookup, compileRouteTable, EMPTY_LOOKUP, type Backend, type CompiledLookup, type RouteInputApp } from "@pier/routing-core";
import { closeNow, listenOnFreePort } from "./listen-for-tests.js";
import { createRouterServer, type RouterServer } from "./router-server.js";

interface Reply { status: number; headers: http.IncomingHttpHeaders; body: string }

const listen = listenOnFreePort;
const close = closeNow;

function request(port: number, o: { host: string; method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ port, host: "127.0.0.1", method: o.method ?? "GET", path: o.path ?? "/", agent: false, headers: { host: o.host, ...o.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString() }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(o.body);
  });
}

/** Upstream that answers with what it received, streams POST bodies straight back, or misbehaves on request. */
function createUpstream(name: string): http.Server {
  const server = http.createServer((req, res) => {
    if (req.url === "/echo") {
      res.writeHead(200, { "content-type": "application/octet-stream", "x-upstream": name });
      res.flushHeaders();
      req.pipe(res);
      return;
    }
    if (req.url === "/hang") return; // never answers
    if (req.url === "/early") {
      // Answers at once, then drops the connection while the body is still coming.
      res.writeHead(413, { "content-type": "text/plain" });
      res.end("too big", () => setTimeout(() => req.socket.destroy(), 50));
      return;
    }
    if (req.url === "/die") {
      res.writeHead(200, { "content-length": "100" });
      res.write("partial");
      setTimeout(() => res.socket!.destroy(), 20);
      return;
    }
    res.writeHead(200, [
      "Content-Type", "application/json", "X-Upstream", name, "Set-Cookie", "a=1", "Set-Cookie", "b=2",
      "X-Request-Id", "upstream-must-not-leak", "Connection", "keep-alive, X-Hop", "X-Hop", "secret",
    ]);
    res.end(JSON.stringify({ method: req.method, url: req.url, headers: req.headers, rawHeaders: req.rawHeaders }));
  });
  server.on("upgrade", (req, socket) => {
    socket.write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: echo\r\nConnection: Upgrade\r\nX-Request-Id: leak\r\n\r\n");
    socket.write(`hello ${req.headers["x-forwarded-for"]}\n`);
    socket.pipe(socket);
  });
  return server;
}

describe("router proxy", () => {
  const lines: string[] = [];
  let lookup: CompiledLookup = EMPTY_LOOKUP;
  let router: RouterServer;
  let port: number;
  let upA: http.Server;
  let upB: http.Server;
  let a: Backend;
  let b: Backend;
  let dead: Backend;

  const route = (apps: RouteInputApp[]) => (lookup = buildLookup(compileRouteTable({ baseDomain: "localhost", apps })));
  const lastLine = () => lines.at(-1) ?? "";

  beforeAll(async () => {
    upA = createUpstream("a");
    upB = createUpstream("b");
    a = { host: "127.0.0.1", port: await listen(upA), instance: "web.1" };
    b = { host: "127.0.0.1", port: await listen(upB), instance: "web.2" };
    const gone = http.createServer();
    dead = { host: "127.0.0.1", port: await listen(gone), instance: "web.9" };
    await close(gone); // nothing listens there any more: connections are refused
    router = createRouterServer({ getLookup: () => lookup, log: (l) => lines.push(l), firstByteTimeoutMs: 300 });
    port = await listen(router);
  });
  afterAll(async () => {
    await Promise.all([close(router), close(upA), close(upB)]);
  });
  beforeEach(() => {
    lines.length = 0;
    route([
      { name: "app", domains: ["www.app.example"], backends: [a] },
      { name: "idle", domains: [], backends: [] },
      { name: "closed", maintenance: true, domains: [], backends: [a] },
      { name: "broken", domains: [], backends: [dead] },
      { name: "flaky", domains: [], backends: [dead, a] },
    ]);
  });

  it("forwards method, path and headers and sets the forwarding headers", async () => {
    const r = await request(port, {
      host: "App.localhost:8080", path: "/p?q=1",
      headers: { "x-forwarded-for": "6.6.6.6", "x-forwarded-proto": "https", "x-custom": "kept" },
    });
    expect(r.status).toBe(200);
    const seen = JSON.parse(r.body);
    expect(seen.method).toBe("GET");
    expect(seen.url).toBe("/p?q=1");
    expect(seen.headers).toMatchObject({
      host: "App.localhost:8080",
      "x-custom": "kept",
      "x-forwarded-for": "127.0.0.1",
      "x-forwarded-proto": "http",
      "x-forwarded-port": String(port),
      "x-forwarded-host": "App.localhost:8080",
    });
    expect(Number(seen.headers["x-request-start"])).toBeGreaterThan(Date.now() - 10_000);
    expect(seen.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.headers["x-request-id"]).toBe(seen.headers["x-request-id"]);
    expect(r.headers["set-cookie"]).toEqual(["a=1", "b=2"]);
    expect(r.headers["x-hop"]).toBeUndefined();
    expect(lastLine()).toMatch(
      new RegExp(`^at=info method=GET path="/p\\?q=1" host=app\\.localhost request_id=${seen.headers["x-request-id"]} fwd="127\\.0\\.0\\.1" dyno=web\\.1 connect=\\d+ms service=\\d+ms status=200 bytes=${Buffer.byteLength(r.body)}$`),
    );
  });

  it("keeps a sane client request id and replaces a bad one", async () => {
    const sane = "abcdefghij0123456789+/=-";
    const kept = await request(port, { host: "app.localhost", headers: { "x-request-id": sane } });
    expect(JSON.parse(kept.body).headers["x-request-id"]).toBe(sane);
    expect(kept.headers["x-request-id"]).toBe(sane);
    const replaced = await request(port, { host: "app.localhost", headers: { "x-request-id": "bad id" } });
    expect(replaced.headers["x-request-id"]).not.toBe("bad id");
    expect(JSON.parse(replaced.body).headers["x-request-id"]).toBe(replaced.headers["x-request-id"]);
  });

  it("drops hop-by-hop headers, including those named in Connection", async () => {
    const r = await request(port, { host: "www.app.example", headers: { connection: "keep-alive, X-Private", "x-private": "1", te: "trailers", "proxy-authorization": "x" } });
    const names = (JSON.parse(r.body).rawHeaders as string[]).filter((_, i) => i % 2 === 0).map((n) => n.toLowerCase());
    expect(names).not.toContain("x-private");
    expect(names).not.toContain("te");
    expect(names).not.toContain("proxy-authorization");
  });

  it.each([
    ["an unknown host", "nope.localhost", 404, "No such app", /^at=error desc="No such app" method=GET path="\/" host=nope\.localhost request_id=\S+ fwd="127\.0\.0\.1" status=404 bytes=\d+$/],
    ["an app without web processes", "idle.localhost", 503, "Application unavailable", /^at=error code=H14 desc="No web processes running" .* status=503 /],
    ["an app in maintenance", "closed.localhost", 503, "Application unavailable", /^at=error code=H80 desc="Maintenance mode" .* status=503 /],
    ["an app that refuses connections", "broken.localhost", 502, "Bad gateway", /^at=error code=H19 desc="Backend connection failed" .* dyno=web\.9 status=502 /],
  ])("answers %s with a clear page", async (_what, host, status, title, line) => {
    const r = await request(port, { host });
    expect(r.status).toBe(status);
    expect(r.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(r.body).toContain(`<h1>${title}</h1>`);
    expect(r.body).toContain(`<code>${host}</code>`);
    expect(r.body).toContain(`<code>${r.headers["x-request-id"]}</code>`);
    expect(lastLine()).toMatch(line);
    expect(lastLine()).toContain(`request_id=${r.headers["x-request-id"]}`);
  });

  it("answers HEAD with the error's headers and no body", async () => {
    const r = await request(port, { host: "nope.localhost", method: "HEAD" });
    expect(r.status).toBe(404);
    expect(Number(r.headers["content-length"])).toBeGreaterThan(0);
    expect(r.body).toBe("");
  });

  it("answers 504 when the app sends no first byte in time", async () => {
    const started = Date.now();
    const r = await request(port, { host: "app.localhost", path: "/hang" });
    expect(r.status).toBe(504);
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    expect(lastLine()).toMatch(/^at=error code=H12 desc="Request timeout" method=GET path="\/hang" .* dyno=web\.1 connect=\d+ms service=\d+ms status=504 /);
  });

  it("retries another backend when one refuses the connection", async () => {
    for (let i = 0; i < 20; i += 1) {
      const r = await request(port, { host: "flaky.localhost", method: i % 2 ? "POST" : "GET", path: "/echo", body: i % 2 ? `body ${i}` : undefined });
      expect(r.status).toBe(200);
      expect(r.body).toBe(i % 2 ? `body ${i}` : "");
    }
    expect(lines.every((l) => l.includes("dyno=web.1"))).toBe(true);
  });

  it("spreads requests over the backends", async () => {
    route([{ name: "app", domains: [], backends: [a, b] }]);
    const seen = new Set<string>();
    for (let i = 0; i < 40; i += 1) seen.add(String((await request(port, { host: "app.localhost" })).headers["x-upstream"]));
    expect([...seen].sort()).toEqual(["a", "b"]);
  });

  it("streams request and response bodies without buffering them", async () => {
    const replies: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const req = http.request({ port, host: "127.0.0.1", method: "POST", path: "/echo", agent: false, headers: { host: "app.localhost" } }, (res) => {
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          replies.push(chunk);
          // The next piece is sent only once the previous one came back through the router:
          // a router that waited for the whole body would hang here.
          if (replies.join("").length < 30) req.write(`piece ${replies.length}|`);
          else req.end();
        });
        res.on("end", resolve);
        res.on("error", reject);
      });
      req.on("error", reject);
      req.flushHeaders();
      req.write("piece 0|");
    });
    expect(replies.join("")).toBe("piece 0|piece 1|piece 2|piece 3|");
    expect(replies.length).toBeGreaterThan(1);
  });

  it("passes a large body both ways intact", async () => {
    const body = randomBytes(3 * 1024 * 1024);
    const r = await new Promise<Buffer>((resolve, reject) => {
      const req = http.request({ port, host: "127.0.0.1", method: "PUT", path: "/echo", agent: false, headers: { host: "app.localhost", "content-length": String(body.length) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve(Buffer.concat(chunks)));
      });
      req.on("error", reject);
      req.end(body);
    });
    const sha = (x: Buffer) => createHash("sha256").update(x).digest("hex");
    expect(sha(r)).toBe(sha(body));
    expect(lastLine()).toMatch(new RegExp(`status=200 bytes=${body.length}$`));
  });

  it("passes on a complete early answer while the client is still uploading", async () => {
    const r = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request({ port, host: "127.0.0.1", method: "POST", path: "/early", agent: false, headers: { host: "app.localhost" } }, (res) => {
        let text = "";
        res.on("data", (c) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode!, body: text }));
      });
      req.on("error", reject);
      let sent = 0;
      const tick = setInterval(() => {
        req.write(Buffer.alloc(64 * 1024, 120));
        if ((sent += 1) === 20) {
          clearInterval(tick);
          req.end();
        }
      }, 10);
    });
    expect(r).toEqual({ status: 413, body: "too big" });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(lines.join("\n")).toMatch(/at=info method=POST path="\/early" .* status=413 bytes=7/);
    expect(lines.join("\n")).not.toContain("H18");
  });

  it("cuts the client's response when the app dies mid-response", async () => {
    const outcome = await new Promise<string>((resolve) => {
      const req = http.request({ port, host: "127.0.0.1", path: "/die", agent: false, headers: { host: "app.localhost" } }, (res) => {
        res.on("data", () => undefined);
        res.on("end", () => resolve("complete"));
        res.on("error", () => resolve("cut"));
        res.on("aborted", () => resolve("cut"));
      });
      req.on("error", () => resolve("cut"));
      req.end();
    });
    expect(outcome).toBe("cut");
    await new Promise((r) => setTimeout(r, 50));
    expect(lines.join("\n")).toMatch(/at=error code=H18 desc="Server Request Interrupted" method=GET path="\/die"/);
  });

  it("switches routes as soon as the lookup changes", async () => {
    expect((await request(port, { host: "app.localhost" })).headers["x-upstream"]).toBe("a");
    route([{ name: "app", domains: [], backends: [b] }]);
    expect((await request(port, { host: "app.localhost" })).headers["x-upstream"]).toBe("b");
  });

  it("passes WebSocket-style upgrades through", async () => {
    const text = await new Promise<string>((resolve, reject) => {
      const req = http.request({ port, host: "127.0.0.1", agent: false, headers: { host: "app.localhost", connection: "Upgrade", upgrade: "echo" } });
      req.on("upgrade", (res, socket, head) => {
        expect(res.statusCode).toBe(101);
        expect(res.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
        let got = head.toString(); // bytes that came with the 101
        socket.setEncoding("utf8");
        socket.on("data", (d: string) => {
          got += d;
          if (got.includes("ping")) {
            socket.destroy();
            resolve(got);
          }
        });
        socket.write("ping");
      });
      req.on("error", reject);
      req.end();
    });
    expect(text).toBe("hello 127.0.0.1\nping");
  });

  it("answers an upgrade for an unknown host with the 404 page", async () => {
    const r = await request(port, { host: "nope.localhost", headers: { connection: "Upgrade", upgrade: "websocket" } });
    expect(r.status).toBe(404);
    expect(r.body).toContain("No such app");
  });
});
