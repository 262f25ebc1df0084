import { createDecipheriv } from "node:crypto";
import { readFileSync } from "node:fs";

/**
 * Opens a private key sealed by the control plane: the `v1:` AES-256-GCM format config vars
 * use (packages/use-cases secret-box), with the installation's secret key. The router only
 * reads that key; the API or worker creates it on first start.
 */
export function openSealed(key: Buffer, stored: string): string {
  if (!stored.startsWith("v1:")) throw new Error("a certificate key is not in Pier's sealed format (v1:...)");
  const raw = Buffer.from(stored.slice(3), "base64url");
  const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  try {
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
  } catch {
    throw new Error("cannot open a certificate key: PIER_SECRET_KEY / PIER_SECRET_KEY_FILE is not the key it was sealed with");
  }
}

/** PIER_SECRET_KEY, else the key file; undefined while the file does not exist yet. */
export function readSecretKey(config: { secretKey?: string; secretKeyFile: string }): Buffer | undefined {
  if (config.secretKey) return Buffer.from(config.secretKey, "base64");
  try {
    return Buffer.from(readFileSync(config.secretKeyFile, "utf8").trim(), "base64");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new Error(`cannot read the secret key file ${config.secretKeyFile}: ${(err as Error).message}`, { cause: err });
  }
}
