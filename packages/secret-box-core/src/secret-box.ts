import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/**
 * Secrets at rest (config var values, certificate keys): AES-256-GCM with a random 96-bit nonce
 * per value, written as `v2:<key id>:<base64url(nonce | tag | ciphertext)>`. The key id names the
 * installation key that sealed the value, so during a key rotation values sealed with the
 * previous key stay readable and can be found and re-sealed. `v1:` values (before key ids) are
 * opened by trying each key: GCM's tag tells the right one.
 */
export interface Keyring {
  /** Seals every new value. */
  current: Buffer;
  /** Still open values (PIER_SECRET_KEY_PREVIOUS) until they are re-sealed. */
  previous: readonly Buffer[];
}

export const keyring = (current: Buffer, previous: readonly Buffer[] = []): Keyring => ({ current, previous });

/** A short public name for a key: 8 hex characters of its SHA-256 (reveals nothing usable). */
export const keyId = (key: Buffer): string => createHash("sha256").update(key).digest("hex").slice(0, 8);

export function sealValue(keys: Keyring, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keys.current, iv);
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return `v2:${keyId(keys.current)}:${Buffer.concat([iv, cipher.getAuthTag(), ct]).toString("base64url")}`;
}

function tryOpen(key: Buffer, raw: Buffer): string | undefined {
  const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  try {
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
  } catch {
    return undefined;
  }
}

const V2 = /^v2:([0-9a-f]{8}):([A-Za-z0-9_-]*)$/;
const NOT_OURS = "is not in Pier's sealed format (v2:<key id>:... or v1:...)";

/** `what` names the value in errors ("a config var", "a certificate key"). */
export function openValue(keys: Keyring, stored: string, what = "a sealed value"): string {
  const all = [keys.current, ...keys.previous];
  const v2 = V2.exec(stored);
  if (v2) {
    const key = all.find((k) => keyId(k) === v2[1]);
    if (!key) throw new Error(`Cannot open ${what}: it was sealed with key ${v2[1]}, which is neither PIER_SECRET_KEY (${keyId(keys.current)}) nor in PIER_SECRET_KEY_PREVIOUS.`);
    const opened = tryOpen(key, Buffer.from(v2[2]!, "base64url"));
    if (opened === undefined) throw new Error(`Cannot open ${what}: it does not match key ${v2[1]} (the value was altered).`);
    return opened;
  }
  if (!stored.startsWith("v1:")) throw new Error(`${what} ${NOT_OURS}.`);
  const raw = Buffer.from(stored.slice(3), "base64url");
  for (const key of all) {
    const opened = tryOpen(key, raw);
    if (opened !== undefined) return opened;
  }
  throw new Error(`Cannot open ${what}: PIER_SECRET_KEY / PIER_SECRET_KEY_FILE (or PIER_SECRET_KEY_PREVIOUS) is not the key it was written with.`);
}

/** Whether a stored value is already sealed with the current key (a rotation skips it). */
export const sealedWithCurrent = (keys: Keyring, stored: string): boolean => stored.startsWith(`v2:${keyId(keys.current)}:`);
