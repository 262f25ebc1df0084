import { randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { dirname } from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { LocalDirectoryTarget } from "./local-target.js";
import { BackupMissingError, ChecksumMismatchError, type BackupTarget, type StoredBackup } from "./target.js";

export interface S3Settings {
  bucket: string;
  /** Prepended to every key, e.g. "pier/". */
  prefix: string;
  /** An S3-compatible server (MinIO, Ceph, …); unset: AWS. */
  endpoint?: string;
  region: string;
  accessKeyId?: string;
  secretAccessKey?: string;
}

/**
 * Backups in an S3-compatible bucket. The gzip file is written to a scratch directory first (a
 * single PUT needs its length, and the checksum is known once it is complete), then uploaded;
 * reading downloads to scratch, checks the checksum there, and streams the checked copy.
 */
export class S3Target implements BackupTarget {
  readonly name = "s3";
  private readonly s3: S3Client;
  private readonly scratch: LocalDirectoryTarget;

  constructor(
    readonly settings: S3Settings,
    scratchDir: string,
  ) {
    const credentials = settings.accessKeyId && settings.secretAccessKey ? { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey } : undefined;
    // Checksums only where S3 requires them: the SDK's default aws-chunked uploads with trailing
    // CRCs are not understood by every S3-compatible server (Pier checks its own sha256 anyway).
    this.s3 = new S3Client({
      region: settings.region,
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
      ...(settings.endpoint ? { endpoint: settings.endpoint, forcePathStyle: true } : {}),
      ...(credentials ? { credentials } : {}),
    });
    this.scratch = new LocalDirectoryTarget(scratchDir);
  }

  private objectKey(key: string): string {
    return `${this.settings.prefix}${key}`;
  }

  /** A scratch folder of its own per use: two transfers of one backup never share a file. */
  private scratchCopy(key: string): { copy: string; file: string; cleanUp: () => Promise<void> } {
    const own = randomBytes(8).toString("hex");
    const copy = `${own}/${key}`;
    return { copy, file: this.scratch.path(copy), cleanUp: () => rm(this.scratch.path(`${own}/.`), { recursive: true, force: true }) };
  }

  async save(key: string, dump: Readable): Promise<StoredBackup> {
    const { copy, file, cleanUp } = this.scratchCopy(key);
    try {
      const stored = await this.scratch.save(copy, dump);
      await this.s3.send(
        new PutObjectCommand({ Bucket: this.settings.bucket, Key: this.objectKey(key), Body: createReadStream(file), ContentLength: stored.sizeBytes, ContentType: "application/gzip", Metadata: { sha256: stored.sha256 } }),
      );
      return stored;
    } finally {
      await cleanUp();
    }
  }

  /** Downloads to scratch and checks it; the scratch copy is removed once the stream is done. */
  private async fetchChecked(key: string, expected: StoredBackup): Promise<Readable> {
    const { copy, file, cleanUp } = this.scratchCopy(key);
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    try {
      const res = await this.s3.send(new GetObjectCommand({ Bucket: this.settings.bucket, Key: this.objectKey(key) }));
      await pipeline(res.Body as Readable, createWriteStream(file, { mode: 0o600 }));
      const stream = await this.scratch.openCompressed(copy, expected);
      stream.once("close", () => void cleanUp());
      return stream;
    } catch (err) {
      await cleanUp();
      if (err instanceof NoSuchKey) throw new BackupMissingError(key, `the bucket ${this.settings.bucket}`);
      if (err instanceof ChecksumMismatchError) throw new ChecksumMismatchError(key, err.expected, err.actual);
      throw err;
    }
  }

  openCompressed(key: string, expected: StoredBackup): Promise<Readable> {
    return this.fetchChecked(key, expected);
  }

  async openDump(key: string, expected: StoredBackup): Promise<Readable> {
    const compressed = await this.fetchChecked(key, expected);
    const gunzip = createGunzip();
    pipeline(compressed, gunzip).catch((err: Error) => gunzip.destroy(err));
    return gunzip;
  }

  async remove(key: string): Promise<void> {
    await this.s3.send(new DeleteObjectCommand({ Bucket: this.settings.bucket, Key: this.objectKey(key) }));
  }
}
