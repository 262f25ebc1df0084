import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { PierConfig } from "@pier/config";
import { keyring, openValue, sealValue, type Keyring } from "@pier/secret-box-core";

/** Config var values and certificate keys at rest: see @pier/secret-box-core for the format. */
export type { Keyring } from "@pier/secret-box-core";
export type SecretKeyConfig = Pick<PierConfig, "secretKey" | "secretKeyFile"> & Partial<Pick<PierConfig, "previousSecretKeys">>;

export const encryptValue = (keys: Keyring, plaintext: string): string => sealValue(keys, plaintext);
export const decryptValue = (keys: Keyring, stored: string): string => openValue(keys, stored, "a config var");

const cache = new Map<string, Promise<Buffer>>();

/**
 * The keys secrets are sealed and opened with: the operator's key (PIER_SECRET_KEY), else the
 * key file, made with 32 random bytes on first start (`wx` makes concurrent first starts of API
 * and worker agree on one key); plus PIER_SECRET_KEY_PREVIOUS during a rotation.
 */
export async function secretKey(config: SecretKeyConfig): Promise<Keyring> {
  const previous = (config.previousSecretKeys ?? []).map((k) => Buffer.from(k, "base64"));
  if (config.secretKey) return keyring(Buffer.from(config.secretKey, "base64"), previous);
  let key = cache.get(config.secretKeyFile);
  if (!key) {
    key = loadOrCreate(config.secretKeyFile);
    cache.set(config.secretKeyFile, key);
    key.catch(() => cache.delete(config.secretKeyFile));
  }
  return keyring(await key, previous);
}

async function loadOrCreate(file: string): Promise<Buffer> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  try {
    await writeFile(file, `${randomBytes(32).toString("base64")}\n`, { mode: 0o600, flag: "wx" });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw new Error(`Cannot create the config-var key file ${file}: ${(err as Error).message}`);
  }
  const key = Buffer.from((await readFile(file, "utf8")).trim(), "base64");
  if (key.length !== 32) throw new Error(`${file} must hold 32 bytes in base64; it holds ${key.length}.`);
  return key;
}

/** A release's config (values encrypted) as the environment its instances get. */
export async function openConfig(config: unknown, deps: { config: SecretKeyConfig }): Promise<Record<string, string>> {
  const keys = await secretKey(deps.config);
  return Object.fromEntries(Object.entries((config ?? {}) as Record<string, string>).map(([k, v]) => [k, decryptValue(keys, v)]));
}
