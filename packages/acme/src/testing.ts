import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import https from "node:https";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * A real ACME CA for tests: Debian's pebble, with pebble-challtestsrv as its DNS server
 * answering 127.0.0.1 for every name, so HTTP-01 validation reaches the router under test on
 * `httpPort`. Both run on free loopback ports and are stopped by PID.
 */
export interface Pebble {
  directoryUrl: string;
  /** Trust for pebble's own HTTPS (the directory). */
  caPem: string;
  /** pebble-challtestsrv's management API (TXT records for DNS-01: see challtestsrvDns). */
  dnsManagementUrl: string;
  /** The root that signs issued certificates (regenerated on every start). */
  rootPem(): Promise<string>;
  stop(): Promise<void>;
}

/**
 * A port for a test server that is started later by another process. Picked at random below the
 * kernel's ephemeral range (32768+) and Pier's add-on ports (20000+): a port the kernel handed out
 * with listen(0) and closed again could be given to any outgoing connection in the meantime, and
 * with integration and e2e files running side by side, one was (EADDRINUSE at a Pier start).
 * Checked free on every address, as Pier's router binds them all.
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 10_000 + Math.floor(Math.random() * 10_000);
    if (await canListen(port)) return port;
  }
  throw new Error("no free port between 10000 and 19999 after 50 tries");
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once("error", () => resolve(false));
    srv.listen(port, () => srv.close(() => resolve(true)));
  });
}

function getText(url: string, ca: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    https.get(url, { ca, agent: false }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    }).on("error", reject);
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

export interface PebbleOptions {
  /** Where HTTP-01 validation connects (the router under test). */
  httpPort: number;
  /** Lifetime of issued certificates in seconds (pebble's default is five years): short-lived ones test renewal. */
  certificateValiditySeconds?: number;
  env?: Record<string, string>;
}

export async function startPebble(options: PebbleOptions): Promise<Pebble> {
  const dir = await mkdtemp(path.join(tmpdir(), "pier-pebble-"));
  execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
    "-subj", "/CN=pebble", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
    "-keyout", path.join(dir, "key.pem"), "-out", path.join(dir, "cert.pem")], { stdio: "ignore" });
  const caPem = await readFile(path.join(dir, "cert.pem"), "utf8");
  const [acmePort, mgmtPort, dnsPort, dnsMgmtPort, tlsPort] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort()]);
  await writeFile(path.join(dir, "pebble.json"), JSON.stringify({ pebble: {
    listenAddress: `127.0.0.1:${acmePort}`, managementListenAddress: `127.0.0.1:${mgmtPort}`,
    certificate: path.join(dir, "cert.pem"), privateKey: path.join(dir, "key.pem"),
    httpPort: options.httpPort, tlsPort, ocspResponderURL: "", externalAccountBindingRequired: false,
    ...(options.certificateValiditySeconds === undefined ? {} : { certificateValidityPeriod: options.certificateValiditySeconds }),
  } }));
  let output = "";
  const collect = (c: ChildProcess) => {
    c.stdout?.on("data", (d) => (output += d));
    c.stderr?.on("data", (d) => (output += d));
  };
  const dns = spawn("pebble-challtestsrv", ["-dns01", `127.0.0.1:${dnsPort}`, "-defaultIPv4", "127.0.0.1", "-defaultIPv6", "",
    "-http01", "", "-https01", "", "-tlsalpn01", "", "-management", `127.0.0.1:${dnsMgmtPort}`], { stdio: ["ignore", "pipe", "pipe"] });
  collect(dns);
  const pebble = spawn("pebble", ["-config", path.join(dir, "pebble.json"), "-dnsserver", `127.0.0.1:${dnsPort}`], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, PEBBLE_VA_NOSLEEP: "1", PEBBLE_WFE_NONCEREJECT: "0", PEBBLE_AUTHZREUSE: "0", ...options.env },
  });
  collect(pebble);
  const directoryUrl = `https://127.0.0.1:${acmePort}/dir`;
  const stop = async () => {
    await Promise.all([stopChild(pebble), stopChild(dns)]);
    await rm(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (pebble.exitCode !== null || dns.exitCode !== null) {
      await stop();
      throw new Error(`pebble exited during start:\n${output}`);
    }
    const ok = await getText(directoryUrl, caPem).then((r) => r.status === 200, () => false);
    if (ok) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`pebble did not answer in 20 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    directoryUrl,
    caPem,
    dnsManagementUrl: `http://127.0.0.1:${dnsMgmtPort}`,
    rootPem: async () => (await getText(`https://127.0.0.1:${mgmtPort}/roots/0`, caPem)).body,
    stop,
  };
}
