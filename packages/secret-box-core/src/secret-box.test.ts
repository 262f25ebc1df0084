import { createCipheriv, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { keyId, keyring, openValue, sealedWithCurrent, sealValue } from "./secret-box.js";

const oldKey = randomBytes(32);
const newKey = randomBytes(32);

/** The format before key ids, as earlier Pier versions wrote it. */
function sealV1(key: Buffer, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return `v1:${Buffer.concat([iv, cipher.getAuthTag(), ct]).toString("base64url")}`;
}

describe("secret box", () => {
  it.each(["", "postgres://u:p@h/db", "ünïcødé ✓", "x".repeat(10_000)])("round-trips %j and names the key that sealed it", (value) => {
    const sealed = sealValue(keyring(newKey), value);
    expect(sealed.startsWith(`v2:${keyId(newKey)}:`)).toBe(true);
    expect(sealed).not.toContain(value || "\u0000");
    expect(openValue(keyring(newKey), sealed)).toBe(value);
  });

  it.each<[string, () => string, Buffer[], string]>([
    ["a v2 value sealed with the previous key", () => sealValue(keyring(oldKey), "s"), [oldKey], "s"],
    ["a v1 value sealed with the previous key", () => sealV1(oldKey, "s"), [oldKey], "s"],
    ["a v1 value sealed with the current key", () => sealV1(newKey, "s"), [], "s"],
  ])("opens %s during a rotation", (_, make, previous, expected) => {
    expect(openValue(keyring(newKey, previous), make())).toBe(expected);
  });

  it.each<[string, () => string, RegExp]>([
    ["a key nobody configured", () => sealValue(keyring(oldKey), "s"), new RegExp(`sealed with key ${keyId(oldKey)}.*PIER_SECRET_KEY_PREVIOUS`)],
    ["a v1 value of an unknown key", () => sealV1(oldKey, "s"), /not the key it was written with/],
    ["a tampered value", () => tamper(sealValue(keyring(newKey), "secret")), /altered/],
    ["plain text", () => "hello", /not in Pier's sealed format/],
  ])("refuses %s with a message saying what to do", (_, make, message) => {
    expect(() => openValue(keyring(newKey), make(), "a config var")).toThrow(message);
  });

  it("tells values sealed with the current key from those to re-seal", () => {
    const keys = keyring(newKey, [oldKey]);
    expect(sealedWithCurrent(keys, sealValue(keys, "a"))).toBe(true);
    expect(sealedWithCurrent(keys, sealValue(keyring(oldKey), "a"))).toBe(false);
    expect(sealedWithCurrent(keys, sealV1(newKey, "a"))).toBe(false);
  });
});

/** Flips a bit of the ciphertext itself (a base64 padding bit may decode to the same bytes). */
function tamper(sealed: string): string {
  const [v, id, body] = sealed.split(":");
  const raw = Buffer.from(body!, "base64url");
  raw[raw.length - 1]! ^= 1;
  return `${v}:${id}:${raw.toString("base64url")}`;
}
