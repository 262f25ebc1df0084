import { randomBytes } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { gunzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { backupDir, LocalDirectoryTarget } from "./local-target.js";
import { BackupMissingError, ChecksumMismatchError } from "./target.js";

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

describe("LocalDirectoryTarget", () => {
  let dir: string;
  let target: LocalDirectoryTarget;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "pier-backups-"));
    target = new LocalDirectoryTarget(join(dir, "backups"));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it("stores the dump gzip-compressed, private, with the size and sha256 of the stored file", async () => {
    const dump = Buffer.concat([Buffer.from("row\n".repeat(50_000)), randomBytes(100_000)]);
    const stored = await target.save("a1/b001.dump.gz", Readable.from([dump.subarray(0, 7), dump.subarray(7)]));
    const file = join(dir, "backups", "a1", "b001.dump.gz");
    const bytes = await readFile(file);
    expect(gunzipSync(bytes).equals(dump)).toBe(true);
    expect(stored.sizeBytes).toBe(bytes.length);
    expect(stored.sizeBytes).toBeLessThan(dump.length);
    expect(stored.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, "backups", "a1"))).mode & 0o777).toBe(0o700);
    expect((await collect(await target.openDump("a1/b001.dump.gz", stored))).equals(dump)).toBe(true);
    expect((await collect(await target.openCompressed("a1/b001.dump.gz", stored))).equals(bytes)).toBe(true);
  });

  it("refuses a file changed after it was stored", async () => {
    const stored = await target.save("a1/b002.sql.gz", Readable.from([Buffer.from("INSERT 1;\n")]));
    const file = join(dir, "backups", "a1", "b002.sql.gz");
    const bytes = await readFile(file);
    bytes[bytes.length - 5]! ^= 0xff;
    await writeFile(file, bytes);
    await expect(target.openDump("a1/b002.sql.gz", stored)).rejects.toThrow(ChecksumMismatchError);
    await expect(target.openCompressed("a1/b002.sql.gz", stored)).rejects.toThrow(/does not match its checksum/);
  });

  it("a failing dump stream leaves no file behind", async () => {
    const failing = new Readable({
      read() {
        this.push(Buffer.from("partial"));
        this.destroy(new Error("pg_dump died"));
      },
    });
    await expect(target.save("a1/b003.dump.gz", failing)).rejects.toThrow(/pg_dump died/);
    expect(await readdir(join(dir, "backups", "a1"))).toEqual([]);
  });

  it("a missing file is reported as such; removing it twice is fine", async () => {
    await expect(target.openDump("a1/b009.dump.gz", { sizeBytes: 1, sha256: "x" })).rejects.toThrow(BackupMissingError);
    await target.remove("a1/b009.dump.gz");
  });

  it("keys cannot leave the directory", async () => {
    await expect(target.save("../escape.gz", Readable.from([Buffer.from("x")]))).rejects.toThrow(/leaves the backup directory/);
  });

  it.each([
    [{}, "/var/lib/pier/backups"],
    [{ PIER_BACKUP_DIR: "/srv/backups" }, "/srv/backups"],
  ])("backup dir from %j", (env, expected) => expect(backupDir(env, "/var/lib/pier")).toBe(expected));
  it("refuses a relative PIER_BACKUP_DIR", () => expect(() => backupDir({ PIER_BACKUP_DIR: "rel" }, "/d")).toThrow(/absolute/));
});
