import { mkdtemp, writeFile } from "node:fs/promises";
import https from "node:https";
import type { TLSSocket } from "node:tls";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startPebble, type Pebble } from "@pier/acme/testing";
import { freePort, startPier, type RunningPier } from "./pier.js";

/** A row of `pier domains --json`. */
export interface Domain { hostname: string; acm_status: string | null; acm_status_reason: string | null }

/** GET over HTTPS to the router with SNI, trusting only the test CA's root. */
export function httpsGet(port: number, servername: string, ca: string): Promise<{ status: number; body: string; issuer: string }> {
  return new Promise((resolve, reject) => {
    https.get({ host: "127.0.0.1", port, servername, ca, agent: false, headers: { host: servername } }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body, issuer: (res.socket as TLSSocket).getPeerCertificate().issuer?.CN ?? "" }));
    }).on("error", reject);
  });
}

/**
 * A real ACME CA (pebble, whose DNS answers 127.0.0.1 so HTTP-01 validation reaches Pier's
 * router) and a Pier ordering its certificates from it, with base domain pier.test.
 * `root` is the CA root that issued certificates verify against.
 */
export async function startPierWithPebble(name: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<{ pebble: Pebble; pier: RunningPier; root: string }> {
  const [httpPort, httpsPort] = [await freePort(), await freePort()];
  const pebble = await startPebble({ httpPort });
  const dir = await mkdtemp(join(tmpdir(), `pier-e2e-${name}-`));
  await writeFile(join(dir, "pebble-ca.pem"), pebble.caPem);
  const pier = await startPier(name, {
    PIER_HTTP_PORT: String(httpPort),
    PIER_HTTPS_PORT: String(httpsPort),
    PIER_BASE_DOMAIN: "pier.test",
    PIER_ACME_DIRECTORY_URL: pebble.directoryUrl,
    PIER_ACME_CA_FILE: join(dir, "pebble-ca.pem"),
    ...extraEnv,
  }).catch(async (err: unknown) => {
    await pebble.stop();
    throw err;
  });
  return { pebble, pier, root: await pebble.rootPem() };
}
