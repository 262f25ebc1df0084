import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { keyring } from "@pier/secret-box-core";
import { describe, expect, it } from "vitest";
import { encryptValue, openConfig, secretKey } from "./secret-box.js";

describe("secret keys", () => {
  it("makes the key file once, private, and reads it back", async () => {
    const file = join(await mkdtemp(join(tmpdir(), "pier-key-")), "sub", "secret.key");
    const first = await secretKey({ secretKeyFile: file });
    expect(first.current.length).toBe(32);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(Buffer.from((await readFile(file, "utf8")).trim(), "base64")).toEqual(first.current);
    const config = { FOO: encryptValue(first, "bar") };
    expect(await openConfig(config, { config: { secretKeyFile: file } })).toEqual({ FOO: "bar" });
  });

  it("prefers PIER_SECRET_KEY, and carries PIER_SECRET_KEY_PREVIOUS for reading", async () => {
    const [configured, old] = [randomBytes(32), randomBytes(32)];
    const keys = await secretKey({ secretKey: configured.toString("base64"), secretKeyFile: "/nonexistent/key", previousSecretKeys: [old.toString("base64")] });
    expect(keys).toEqual({ current: configured, previous: [old] });
    const config = { FOO: encryptValue(keyring(old), "sealed before the rotation") };
    expect(await openConfig(config, { config: { secretKey: configured.toString("base64"), secretKeyFile: "/x", previousSecretKeys: [old.toString("base64")] } })).toEqual({ FOO: "sealed before the rotation" });
  });
});
