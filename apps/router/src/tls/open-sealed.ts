import { readFileSync } from "node:fs";
import { keyring, type Keyring } from "@pier/secret-box-core";

/**
 * The installation's keys, which open certificate keys sealed by the control plane:
 * PIER_SECRET_KEY, else the key file (undefined while it does not exist yet: the API or worker
 * creates it on first start), plus PIER_SECRET_KEY_PREVIOUS during a key rotation.
 */
export function readSecretKey(config: { secretKey?: string; secretKeyFile: string; previousSecretKeys?: string[] }): Keyring | undefined {
  const previous = (config.previousSecretKeys ?? []).map((k) => Buffer.from(k, "base64"));
  if (config.secretKey) return keyring(Buffer.from(config.secretKey, "base64"), previous);
  try {
    return keyring(Buffer.from(readFileSync(config.secretKeyFile, "utf8").trim(), "base64"), previous);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new Error(`cannot read the secret key file ${config.secretKeyFile}: ${(err as Error).message}`, { cause: err });
  }
}
