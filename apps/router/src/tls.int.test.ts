import { keyring } from "@pier/secret-box-core";
import { execFileSync } from "node:child_process";
import { createCipheriv, randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeCertBundle } from "@pier/cert-core";
import { certStoreKeys, publishCertBundle, publishRouteTable, putChallenge, routeStoreKeys } from "@pier/route-store";
import { compileRouteTable } from "@pier/routing-core";
import { startRouter, type RunningRouter } from "./start-router.js";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

function seal(key: Buffer, text: string): string {
  const iv = randomBytes(12);
  const c = createCipheriv("aes-256-gcm", key, iv);
  const ct = Buffer.concat([c.update(text, "utf8"), c.final()]);
  return `v1:${Buffer.concat([iv, c.getAuthTag(), ct]).toString("base64url")}`;
}

/** A self-signed certificate for the names (openssl, as an operator would make one). */
async function selfSigned(dir: string, names: string[]): Promise<{ cert: string; key: string }> {
  const base = path.join(dir, names[0]!.replace("*", "star"));
  execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
    "-subj", `/CN=${names[0]}`, "-addext", `subjectAltName=${names.map((n) => `DNS:${n}`).join(",")}`,
    "-keyout", `${base}.key`, "-out", `${base}.crt`], { stdio: "ignore" });
  return { cert: await readFile(`${base}.crt`, "utf8"), key: await readFile(`${base}.key`, "utf8") };
}

function httpsGet(port: number, servername: string, ca: string, p = "/"): Promise<{ status: number; body: string; cert: string }> {
  return new Promise((resolve, reject) => {
    const req = https.get({ host: "127.0.0.1", port, path: p, servername, ca, agent: false, headers: { host: servername } }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode!, body, cert: (res.socket as import("node:tls").TLSSocket).getPeerCertificate().subject?.CN ?? "" }));
    });
    req.on("error", reject);
  });
}

function httpGet(port: number, host: string, p = "/"): Promise<{ status: number; body: string; location?: string }> {
  return new Promise((resolve, reject) => {
    http.get({ port, host: "127.0.0.1", path: p, agent: false, headers: { host } }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode!, body, location: res.headers.location }));
    }).on("error", reject);
  });
}

async function eventually(what: string, probe: () => Promise<boolean> | boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("router HTTPS (SNI certificates from Redis), redirects and ACME challenges", () => {
  const prefix = `pier-test-${randomBytes(4).toString("hex")}:`;
  const secret = randomBytes(32);
  const redis = new Redis(REDIS_URL);
  let dir: string;
  let app: http.Server;
  let router: RunningRouter;
  let exact: { cert: string; key: string };
  let wild: { cert: string; key: string };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "pier-tls-"));
    app = http.createServer((req, res) => res.end(`proto=${req.headers["x-forwarded-proto"]} port=${req.headers["x-forwarded-port"]}`));
    await new Promise<void>((r) => app.listen(0, "127.0.0.1", () => r()));
    const backend = { host: "127.0.0.1", port: (app.address() as AddressInfo).port, instance: "web.1" };
    await publishRouteTable(redis, compileRouteTable({ baseDomain: "localhost", apps: [
      { name: "shop", httpsRedirect: true, domains: ["*.wild.test"], backends: [backend] },
      { name: "plain", domains: [], backends: [backend] },
    ] }), { prefix });
    exact = await selfSigned(dir, ["shop.localhost"]);
    wild = await selfSigned(dir, ["*.wild.test"]);
    await publishCertBundle(redis, makeCertBundle([
      { hostnames: ["shop.localhost"], certPem: exact.cert, keySealed: seal(secret, exact.key), notAfter: new Date(Date.now() + 86400_000).toISOString() },
      { hostnames: ["*.wild.test"], certPem: wild.cert, keySealed: seal(secret, wild.key), notAfter: new Date(Date.now() + 86400_000).toISOString() },
    ]), { prefix });
    router = await startRouter({ httpPort: 0, httpsPort: 0, listenHost: "127.0.0.1", redisUrl: REDIS_URL, redisPrefix: prefix, dataDir: dir, log: () => undefined, secretKey: () => keyring(secret) });
    await eventually("routes and certificates", () => router.holder.version > 0 && router.certs.version > 0);
  });
  afterAll(async () => {
    await router.close();
    app.close();
    const r = routeStoreKeys({ prefix });
    const c = certStoreKeys({ prefix });
    await redis.del(r.table, r.version, c.table, c.version);
    redis.disconnect();
    await rm(dir, { recursive: true, force: true });
  });

  it("serves HTTPS with the certificate for the server name, exact or wildcard, and tells the app", async () => {
    const a = await httpsGet(router.httpsPort!, "shop.localhost", exact.cert);
    expect(a).toMatchObject({ status: 200, body: `proto=https port=${router.httpsPort}`, cert: "shop.localhost" });
    const b = await httpsGet(router.httpsPort!, "blog.wild.test", wild.cert);
    expect(b).toMatchObject({ status: 200, cert: "*.wild.test" });
  });

  it("refuses the handshake for a name without a certificate, and TLS below 1.2", async () => {
    await expect(httpsGet(router.httpsPort!, "plain.localhost", exact.cert)).rejects.toThrow();
    await expect(new Promise((resolve, reject) => {
      https.get({ host: "127.0.0.1", port: router.httpsPort, servername: "shop.localhost", ca: exact.cert, agent: false, maxVersion: "TLSv1.1", minVersion: "TLSv1" }, resolve).on("error", reject);
    })).rejects.toThrow();
  });

  it("redirects plain HTTP to HTTPS only where the app asks and a certificate exists", async () => {
    const r = await httpGet(router.port, "shop.localhost", "/cart?x=1");
    expect(r.status).toBe(308);
    expect(r.location).toBe(`https://shop.localhost:${router.httpsPort}/cart?x=1`);
    expect((await httpGet(router.port, "plain.localhost")).body).toBe(`proto=http port=${router.port}`);
  });

  it("answers ACME HTTP-01 challenges from Redis, even where it redirects", async () => {
    await putChallenge(redis, "tok-123_x", "tok-123_x.thumbprint", 60, { prefix });
    const r = await httpGet(router.port, "shop.localhost", "/.well-known/acme-challenge/tok-123_x");
    expect(r).toMatchObject({ status: 200, body: "tok-123_x.thumbprint" });
    expect((await httpGet(router.port, "shop.localhost", "/.well-known/acme-challenge/unknown")).status).toBe(404);
  });

  it("keeps the certificates in a snapshot only its owner can read", async () => {
    const file = path.join(dir, "router", "certs.json");
    await eventually("certificate snapshot", () => stat(file).then(() => true, () => false));
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readFile(file, "utf8")).not.toContain("PRIVATE KEY");
  });
});
