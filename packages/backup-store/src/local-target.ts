import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import { dirname, join, resolve, sep } from "node:path";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import { BackupMissingError, ChecksumMismatchError, type BackupTarget, type StoredBackup } from "./target.js";

/** Counts and hashes the bytes passing through. */
function measuring(): Transform & { result(): StoredBackup } {
  const hash = createHash("sha256");
  let sizeBytes = 0;
  const t = new Transform({
    transform(chunk: Buffer, _e, done) {
      hash.update(chunk);
      sizeBytes += chunk.length;
      done(null, chunk);
    },
  });
  return Object.assign(t, { result: () => ({ sizeBytes, sha256: hash.digest("hex") }) });
}

/**
 * Backups as files under one directory (PIER_BACKUP_DIR). Files are written beside their final
 * name and renamed once complete, so a crash never leaves a half file under a backup's key.
 * Directories are 0700 and files 0600: dumps hold every row of a customer's database.
 */
export class LocalDirectoryTarget implements BackupTarget {
  readonly name = "local";
  constructor(readonly dir: string) {}

  /** The file a key is stored in (the S3 target keeps its scratch copies here). */
  path(key: string): string {
    const root = resolve(this.dir);
    const full = resolve(root, key);
    if (!full.startsWith(root + sep)) throw new Error(`backup key "${key}" leaves the backup directory`);
    return full;
  }

  async save(key: string, dump: Readable): Promise<StoredBackup> {
    const final = this.path(key);
    await mkdir(dirname(final), { recursive: true, mode: 0o700 });
    const partial = `${final}.partial`;
    const measure = measuring();
    try {
      await pipeline(dump, createGzip(), measure, createWriteStream(partial, { mode: 0o600 }));
      await rename(partial, final);
    } catch (err) {
      await rm(partial, { force: true });
      throw err;
    }
    return measure.result();
  }

  private async check(key: string, expected: StoredBackup): Promise<string> {
    const file = this.path(key);
    await stat(file).catch((err: NodeJS.ErrnoException) => {
      throw err.code === "ENOENT" ? new BackupMissingError(key, this.dir) : err;
    });
    const measure = measuring();
    await pipeline(createReadStream(file), measure, async function* (source) {
      for await (const _ of source) void _;
    });
    const actual = measure.result();
    if (actual.sha256 !== expected.sha256 || actual.sizeBytes !== expected.sizeBytes) throw new ChecksumMismatchError(key, expected, actual);
    return file;
  }

  async openCompressed(key: string, expected: StoredBackup): Promise<Readable> {
    return createReadStream(await this.check(key, expected));
  }

  async openDump(key: string, expected: StoredBackup): Promise<Readable> {
    const file = await this.check(key, expected);
    const gunzip = createGunzip();
    // A read error must reach whoever consumes the dump, not vanish between the two streams.
    pipeline(createReadStream(file), gunzip).catch((err: Error) => gunzip.destroy(err));
    return gunzip;
  }

  async remove(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }
}

/** PIER_BACKUP_DIR, default $PIER_DATA_DIR/backups. */
export function backupDir(env: Record<string, string | undefined>, dataDir: string): string {
  const raw = env.PIER_BACKUP_DIR;
  if (raw === undefined || raw === "") return join(dataDir, "backups");
  if (!raw.startsWith("/")) throw new Error(`PIER_BACKUP_DIR must be an absolute path, got "${raw}"`);
  return raw;
}
