import type { Readable } from "node:stream";

/** What a target reports about a stored backup: of the compressed file, as stored. */
export interface StoredBackup {
  sizeBytes: number;
  sha256: string;
}

/**
 * Where backups are kept. `save` gzips the dump stream on the way in and checksums what it
 * stores; `open…` refuse (ChecksumMismatchError) a file whose bytes no longer match.
 */
export interface BackupTarget {
  /** "local", "s3", …: recorded on each backup so a later change of target still finds old files. */
  readonly name: string;
  save(key: string, dump: Readable): Promise<StoredBackup>;
  /** Verifies the checksum, then streams the stored (gzip) bytes, e.g. for a download. */
  openCompressed(key: string, expected: StoredBackup): Promise<Readable>;
  /** Verifies the checksum, then streams the dump as it was taken, e.g. into pg_restore. */
  openDump(key: string, expected: StoredBackup): Promise<Readable>;
  /** Removes the file; a file already gone is not an error. */
  remove(key: string): Promise<void>;
}

export class ChecksumMismatchError extends Error {
  override name = "ChecksumMismatchError";
  constructor(
    readonly key: string,
    readonly expected: StoredBackup,
    readonly actual: StoredBackup,
  ) {
    super(
      `the stored backup ${key} does not match its checksum (expected sha256 ${expected.sha256}, ${expected.sizeBytes} bytes; found ${actual.sha256}, ${actual.sizeBytes} bytes): it was changed or damaged after it was taken; refusing to use it`,
    );
  }
}

export class BackupMissingError extends Error {
  override name = "BackupMissingError";
  constructor(readonly key: string, where: string) {
    super(`the backup file ${key} is missing from ${where}`);
  }
}
