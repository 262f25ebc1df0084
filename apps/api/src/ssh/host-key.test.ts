import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ssh2 from "ssh2";
import { afterEach, describe, expect, it } from "vitest";
import { loadOrCreateHostKey, newHostKey } from "./host-key.js";

// Made by ssh2.utils.generateKeyPairSync("ed25519"): its public key starts with a zero byte,
// written as 31 bytes, and ssh2 refuses to load it.
const UNLOADABLE = `-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMgAAAAtz
c2gtZWQyNTUxOQAAAB/fU9ugLl9E3HM/c/NED1c+9DWhvmoqFny+7RIrkRtqAAAA
iKmCAfypggH8AAAAC3NzaC1lZDI1NTE5AAAAH99T26AuX0Tccz9z80QPVz70NaG+
aioWfL7tEiuRG2oAAAA/2DtsT+kEugq8BRu+d/jIDuuhwvpeNenSY4ubuM5eW/vf
U9ugLl9E3HM/c/NED1c+9DWhvmoqFny+7RIrkRtqAAAAAAECAwQFBgc=
-----END OPENSSH PRIVATE KEY-----
`;

describe("newHostKey", () => {
  it("makes the key again when ssh2 made one it cannot load", () => {
    const made = [UNLOADABLE, UNLOADABLE, ssh2.utils.generateKeyPairSync("ed25519").private];
    let calls = 0;
    const key = newHostKey(() => made[calls++]!);
    expect(calls).toBe(3);
    expect(key).toBe(made[2]);
  });

  it("gives up with a reason rather than looping forever", () => {
    expect(() => newHostKey(() => UNLOADABLE)).toThrow(/20 attempts/);
  });

  it("always returns a loadable key from ssh2's own generator (one in ~256 is not, unchecked)", () => {
    for (let i = 0; i < 1500; i++) expect(ssh2.utils.parseKey(newHostKey())).not.toBeInstanceOf(Error);
  });
});

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

  it("replaces a stored key ssh2 cannot load, keeping the old file aside", async () => {
    dir = await mkdtemp(join(tmpdir(), "pier-host-key-"));
    await mkdir(join(dir, "ssh"));
    await writeFile(join(dir, "ssh", "host_ed25519_key"), UNLOADABLE);
    const key = await loadOrCreateHostKey(dir);
    expect(key).not.toBe(UNLOADABLE);
    expect(ssh2.utils.parseKey(key)).not.toBeInstanceOf(Error);
    const files = await readdir(join(dir, "ssh"));
    expect(files).toHaveLength(2);
    expect(files.some((f) => f.startsWith("host_ed25519_key.unloadable-"))).toBe(true);
  });
});
