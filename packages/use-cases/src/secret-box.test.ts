import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decryptValue, encryptValue, openConfig, secretKey } from "./secret-box.js";

/** Flips one ciphertext byte (editing the base64 text could touch only padding bits). */
function flipLastByte(sealed: string): string {
  const raw = Buffer.from(sealed.slice("v1:".length), "base64url");
  raw[raw.length - 1] ^= 0x01;
  return `v1:${raw.toString("base64url")}`;
}

describe("secret box", () => {
  const key = randomBytes(32);

  it.each([[""], ["hello"], ["üñíçødé ✓"], ["x".repeat(10_000)]])("round-trips %j", (value) => {
    const sealed = encryptValue(key, value);
    expect(sealed).toMatch(/^v1:/);
    expect(sealed).not.toContain(value || "\u0000");
    expect(decryptValue(key, sealed)).toBe(value);
  });

  it("uses a fresh nonce for every value", () => {
    expect(encryptValue(key, "same")).not.toBe(encryptValue(key, "same"));
  });

  it.each([
    ["a wrong key", (s: string) => s, randomBytes(32), /not the key/],
    ["a flipped byte", flipLastByte, key, /not the key/],
    ["plain text", () => "hello", key, /encrypted format/],
  ])("refuses %s", (_name, tamper, k, message) => {
    expect(() => decryptValue(k, tamper(encryptValue(key, "secret-value")))).toThrow(message);
  });

  it("makes the key file once, private, and reads it back", async () => {
    const file = join(await mkdtemp(join(tmpdir(), "pier-key-")), "sub", "secret.key");
    const first = await secretKey({ secretKeyFile: file });
    expect(first.length).toBe(32);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(Buffer.from((await readFile(file, "utf8")).trim(), "base64")).toEqual(first);
    const config = { FOO: encryptValue(first, "bar") };
    expect(await openConfig(config, { config: { secretKeyFile: file } })).toEqual({ FOO: "bar" });
  });

  it("prefers PIER_SECRET_KEY", async () => {
    const configured = randomBytes(32);
    expect(await secretKey({ secretKey: configured.toString("base64"), secretKeyFile: "/nonexistent/key" })).toEqual(configured);
  });
});
