import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm } from "node:fs/promises";
import { isIP } from "node:net";
import { join } from "node:path";
import { promisify } from "node:util";

export interface RendezvousCertificate {
  cert: string;
  key: string;
  /** Where the certificate is, for clients to trust (NODE_EXTRA_CA_CERTS for the heroku CLI). */
  certFile: string;
}

/**
 * The rendezvous endpoint's certificate: self-signed, made once at first start for the API's
 * public host name (and localhost), kept under PIER_DATA_DIR/rendezvous. Made in a directory of
 * its own and renamed into place, so API processes starting together end up with one.
 */
export async function loadOrCreateRendezvousCertificate(dataDir: string, hostname: string): Promise<RendezvousCertificate> {
  const dir = join(dataDir, "rendezvous");
  const read = async (): Promise<RendezvousCertificate> => ({
    cert: await readFile(join(dir, "cert.pem"), "utf8"),
    key: await readFile(join(dir, "key.pem"), "utf8"),
    certFile: join(dir, "cert.pem"),
  });
  try {
    return await read();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  const aside = `${dir}.${randomBytes(6).toString("hex")}.tmp`;
  await mkdir(aside, { recursive: true, mode: 0o700 });
  const names = [...new Set([hostname, "localhost", "127.0.0.1"])];
  const san = names.map((n) => (isIP(n) ? `IP:${n}` : `DNS:${n}`)).join(",");
  await promisify(execFile)("openssl", [
    "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "3650",
    "-subj", `/CN=${hostname}`, "-addext", `subjectAltName=${san}`,
    "-keyout", join(aside, "key.pem"), "-out", join(aside, "cert.pem"),
  ]);
  await rename(aside, dir).catch(async (err: NodeJS.ErrnoException) => {
    // Another API process made it first: use theirs.
    await rm(aside, { recursive: true, force: true });
    if (err.code !== "ENOTEMPTY" && err.code !== "EEXIST") throw err;
  });
  return read();
}
