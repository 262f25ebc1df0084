import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
// @ts-expect-error s3rver ships no types
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// s3rver: a local S3-compatible server (loopback only), as an operator's MinIO would be. The AWS
// SDK runs in a plain node child on the built package: Vitest starts Node with the "module"
// condition, under which the SDK's ESM build (extension-less imports) cannot load.
const DIST = fileURLToPath(new URL("../dist/", import.meta.url));
let server: { run(): Promise<{ port: number }>; close(): Promise<void> };
let dir: string;
let endpoint: string;

const SCRIPT = `
import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { S3Client, CreateBucketCommand, GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
const { backupTargetsFromEnv } = await import(process.env.DIST + "targets.js");
const collect = async (s) => { const c = []; for await (const x of s) c.push(x); return Buffer.concat(c); };
const creds = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };
const client = new S3Client({ endpoint: process.env.ENDPOINT, region: "us-east-1", forcePathStyle: true, credentials: creds });
await client.send(new CreateBucketCommand({ Bucket: "backups" }));
const targets = backupTargetsFromEnv({ PIER_BACKUP_TARGET: "s3", PIER_BACKUP_S3_BUCKET: "backups", PIER_BACKUP_S3_PREFIX: "pier/", PIER_BACKUP_S3_ENDPOINT: process.env.ENDPOINT, PIER_BACKUP_S3_ACCESS_KEY_ID: "S3RVER", PIER_BACKUP_S3_SECRET_ACCESS_KEY: "S3RVER" }, process.env.DATA);
const t = await targets.named(targets.currentName);
const dump = Buffer.concat([Buffer.from("COPY notes FROM stdin;\\n".repeat(2000)), randomBytes(50000)]);
const stored = await t.save("a1/b001.dump.gz", Readable.from([dump]));
const object = await client.send(new GetObjectCommand({ Bucket: "backups", Key: "pier/a1/b001.dump.gz" }));
const out = { name: t.name, stored, objectLength: object.ContentLength, objectSha: object.Metadata?.sha256 };
out.roundTrip = (await collect(await t.openDump("a1/b001.dump.gz", stored))).equals(dump);
out.compressedLength = (await collect(await t.openCompressed("a1/b001.dump.gz", stored))).length;
await client.send(new PutObjectCommand({ Bucket: "backups", Key: "pier/a1/b001.dump.gz", Body: Buffer.from("not the backup") }));
out.tampered = await t.openDump("a1/b001.dump.gz", stored).then(() => "opened", (e) => e.name);
await t.remove("a1/b001.dump.gz");
out.removed = await t.openDump("a1/b001.dump.gz", stored).then(() => "opened", (e) => e.name);
out.local = (await targets.named("local")).name;
console.log(JSON.stringify(out));
`;

function runChild(): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", SCRIPT], { cwd: fileURLToPath(new URL("..", import.meta.url)), env: { PATH: process.env.PATH, DIST, ENDPOINT: endpoint, DATA: join(dir, "data") } });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("close", (code) => resolve({ code, out, err }));
  });
}

beforeAll(async () => {
  if (!existsSync(join(DIST, "s3-target.js"))) throw new Error("build the package first: npx turbo run build --filter=@pier/backup-store");
  dir = await mkdtemp(join(tmpdir(), "pier-s3-"));
  server = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory: join(dir, "s3") });
  endpoint = `http://127.0.0.1:${(await server.run()).port}`;
});
afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("S3Target against a local S3-compatible server", () => {
  it("uploads the gzip file with its checksum, reads it back checked, refuses a changed object, deletes; no scratch files stay", async () => {
    const r = await runChild();
    expect(r.code, r.err).toBe(0);
    const out = JSON.parse(r.out) as Record<string, unknown> & { stored: { sizeBytes: number; sha256: string } };
    expect(out).toMatchObject({ name: "s3", objectLength: out.stored.sizeBytes, objectSha: out.stored.sha256, roundTrip: true, compressedLength: out.stored.sizeBytes, tampered: "ChecksumMismatchError", removed: "BackupMissingError", local: "local" });
    expect(await readdir(join(dir, "data", "backups", ".scratch"))).toEqual([]);
  });
});
