import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ssh2 from "ssh2";
import { afterEach, describe, expect, it } from "vitest";
import { loadOrCreateHostKey } from "./host-key.js";

describe("loadOrCreateHostKey", () => {
  let dir = "";
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  it("gives API processes starting together one whole key, and the same key at every later start", async () => {
    dir = await mkdtemp(join(tmpdir(), "pier-host-key-"));
    const keys = await Promise.all(Array.from({ length: 16 }, () => loadOrCreateHostKey(dir)));
    expect(new Set(keys).size).toBe(1);
    expect(ssh2.utils.parseKey(keys[0]!)).not.toBeInstanceOf(Error);
    expect(await loadOrCreateHostKey(dir)).toBe(keys[0]);
    expect(await readdir(join(dir, "ssh"))).toEqual(["host_ed25519_key"]);
  });
});
