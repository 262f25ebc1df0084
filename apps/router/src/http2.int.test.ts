import { execFileSync } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import http from "node:http";
import http2 from "node:http2";
import https from "node:https";
import { tmpdir } from "node:os";
import path from "node:path";
import tls from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildLookup } from "@pier/routing-core";
import { closeNow, listenOnFreePort } from "./listen-for-tests.js";
import { createRouterServer, type RouterServer } from "./router-server.js";

interface H2Reply {
  status: number;
  headers: http2.IncomingHttpHeaders;
  body: string;
}

function h2Request(session: http2.ClientHttp2Session, headers: http2.OutgoingHttpHeaders, body?: string): Promise<H2Reply> {
  return new Promise((resolve, reject) => {
    const req = session.request(headers, { endStream: body === undefined });
    let text = "";
    let head: http2.IncomingHttpHeaders = {};
    req.on("response", (h) => (head = h));
    req.setEncoding("utf8");
    req.on("data", (c: string) => (text += c));
    req.on("end", () => resolve({ status: Number(head[":status"]), headers: head, body: text }));
    req.on("error", reject);
    if (body !== undefined) req.end(body);
  });
}

describe("router HTTP/2 (ALPN on the HTTPS listener, HTTP/1.1 to the app)", () => {
  let dir: string;
  let cert: string;
  let app: http.Server;
  let router: RouterServer;
  let port: number;
  const lines: string[] = [];
  const seen: { version: string; headers: http.IncomingHttpHeaders; body: string }[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "pier-h2-"));
    execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
      "-subj", "/CN=shop.localhost", "-addext", "subjectAltName=DNS:shop.localhost,DNS:nowhere.localhost",
      "-keyout", path.join(dir, "key.pem"), "-out", path.join(dir, "cert.pem")], { stdio: "ignore" });
    cert = await readFile(path.join(dir, "cert.pem"), "utf8");
    const key = await readFile(path.join(dir, "key.pem"), "utf8");
    app = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        seen.push({ version: req.httpVersion, headers: req.headers, body });
        if (req.url === "/hang") return;
        res.setHeader("Set-Cookie", ["a=1", "b=2"]);
        res.setHeader("X-Request-Id", "from-the-app-dropped");
        res.end(`${req.method} ${req.url} ${body}`);
      });
    });
    const appPort = await listenOnFreePort(app);
    const refused = http.createServer();
    const deadPort = await listenOnFreePort(refused);
    await closeNow(refused);
    const web = (p: number, instance: string) => ({ host: "127.0.0.1", port: p, instance });
    const lookup = buildLookup({ routes: {
      "shop.localhost": { app: "shop", maintenance: false, backends: [web(appPort, "web.1"), web(deadPort, "web.2")] },
    } });
    const secureContext = tls.createSecureContext({ cert, key });
    router = createRouterServer({
      getLookup: () => lookup,
      log: (l) => lines.push(l),
      firstByteTimeoutMs: 1500, // short for the 504 case, long enough for 20 streams on a loaded machine
      tls: { SNICallback: (_name, cb) => cb(null, secureContext), ALPNProtocols: ["h2", "http/1.1"] },
    });
    port = await listenOnFreePort(router);
  });

  afterAll(async () => {
    await Promise.all([closeNow(router), closeNow(app)]);
    await rm(dir, { recursive: true, force: true });
  });

  const connect = () => http2.connect(`https://shop.localhost:${port}`, { ca: cert, host: "127.0.0.1", servername: "shop.localhost" } as http2.SecureClientSessionOptions);

  it("negotiates h2, forwards over HTTP/1.1 with the forwarded headers, and logs the request", async () => {
    const session = connect();
    try {
      const r = await h2Request(session, { ":method": "GET", ":path": "/cart?x=1", cookie: "c=1" });
      expect((session.socket as tls.TLSSocket).alpnProtocol).toBe("h2");
      expect(r.status).toBe(200);
      expect(r.body).toBe("GET /cart?x=1 ");
      expect(r.headers["set-cookie"]).toEqual(["a=1", "b=2"]);
      expect(r.headers["x-request-id"]).not.toBe("from-the-app-dropped");
      const got = seen.at(-1)!;
      expect(got.version).toBe("1.1");
      expect(got.headers).toMatchObject({ host: `shop.localhost:${port}`, "x-forwarded-proto": "https", "x-forwarded-for": "127.0.0.1", "x-forwarded-port": String(port), "x-request-id": r.headers["x-request-id"], cookie: "c=1" });
      expect(lines.at(-1)).toMatch(/^at=info method=GET path="\/cart\?x=1" host=shop\.localhost request_id=\S+ fwd="127\.0\.0\.1" dyno=web\.1 connect=\d+ms service=\d+ms status=200 bytes=14$/);
    } finally {
      session.close();
    }
  });

  it("streams request bodies and runs many streams on one connection, skipping the refusing instance", async () => {
    const session = connect();
    try {
      const replies = await Promise.all(Array.from({ length: 20 }, (_, i) => h2Request(session, { ":method": "POST", ":path": `/p${i}` }, `body-${i}`)));
      replies.forEach((r, i) => expect(r).toMatchObject({ status: 200, body: `POST /p${i} body-${i}` }));
    } finally {
      session.close();
    }
  });

  it("answers router errors as pages (JSON when asked) and 504 when the app is silent", async () => {
    const session = connect();
    try {
      const missing = await h2Request(session, { ":method": "GET", ":path": "/", ":authority": "nowhere.localhost" });
      expect(missing.status).toBe(404);
      expect(missing.headers["content-type"]).toBe("text/html; charset=utf-8");
      expect(missing.body).toContain("No such app");
      const json = await h2Request(session, { ":method": "GET", ":path": "/", ":authority": "nowhere.localhost", accept: "application/json" });
      expect(JSON.parse(json.body)).toMatchObject({ id: "no_such_app", request_id: json.headers["x-request-id"] });
      const slow = await h2Request(session, { ":method": "GET", ":path": "/hang" });
      expect(slow.status).toBe(504);
      expect(lines.at(-1)).toMatch(/^at=error code=H12 desc="Request timeout" method=GET path="\/hang" .* status=504 /);
    } finally {
      session.close();
    }
  });

  it("still speaks HTTP/1.1 on the same port to clients that do not offer h2", async () => {
    const r = await new Promise<{ status: number; body: string; alpn: string | false }>((resolve, reject) => {
      https.get({ host: "127.0.0.1", port, servername: "shop.localhost", ca: cert, agent: false, headers: { host: "shop.localhost" }, ALPNProtocols: ["http/1.1"] }, (res) => {
        let body = "";
        res.on("data", (c) => (body += c));
        res.on("end", () => resolve({ status: res.statusCode!, body, alpn: (res.socket as tls.TLSSocket).alpnProtocol }));
      }).on("error", reject);
    });
    expect(r).toEqual({ status: 200, body: "GET / ", alpn: "http/1.1" });
    expect(seen.at(-1)!.headers["x-forwarded-proto"]).toBe("https");
  });
});
