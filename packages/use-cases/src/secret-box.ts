import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { PierConfig } from "@pier/config";

/**
 * Config var values at rest: AES-256-GCM with a random 96-bit nonce per value, written as
 * `v1:<base64url(nonce | tag | ciphertext)>`. The version prefix leaves room for key rotation.
 */
const PREFIX = "v1:";

export function encryptValue(key: Buffer, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), ct]).toString("base64url");
}

export function decryptValue(key: Buffer, stored: string): string {
  if (!stored.startsWith(PREFIX)) throw new Error("A config var is not in Pier's encrypted format (v1:...).");
  const raw = Buffer.from(stored.slice(PREFIX.length), "base64url");
  const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  try {
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
  } catch {
    throw new Error("Cannot decrypt a config var: PIER_SECRET_KEY / PIER_SECRET_KEY_FILE is not the key it was written with.");
  }
}

const cache = new Map<string, Promise<Buffer>>();

/**
 * The operator's key (PIER_SECRET_KEY), else the key file, made with 32 random bytes on first
 * start. `wx` makes concurrent first starts (API and worker) agree on one key.
 */
export function secretKey(config: Pick<PierConfig, "secretKey" | "secretKeyFile">): Promise<Buffer> {
  if (config.secretKey) return Promise.resolve(Buffer.from(config.secretKey, "base64"));
  let key = cache.get(config.secretKeyFile);
  if (!key) {
    key = loadOrCreate(config.secretKeyFile);
    cache.set(config.secretKeyFile, key);
    key.catch(() => cache.delete(config.secretKeyFile));
  }
  return key;
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
export async function openConfig(config: unknown, deps: { config: Pick<PierConfig, "secretKey" | "secretKeyFile"> }): Promise<Record<string, string>> {
  const key = await secretKey(deps.config);
  return Object.fromEntries(Object.entries((config ?? {}) as Record<string, string>).map(([k, v]) => [k, decryptValue(key, v)]));
}
