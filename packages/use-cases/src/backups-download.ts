import type { Readable } from "node:stream";
import { downloadFileName } from "@pier/backup-core";
import { ChecksumMismatchError } from "@pier/backup-store";
import type { AddonBackup } from "@pier/db";
import { getBackup } from "./backups.js";
import { backupTargetOf, type BackupTargetDeps } from "./backups-target.js";
import type { Actor, Deps } from "./deps.js";
import { UseCaseError } from "./errors.js";

export interface BackupDownload {
  backup: AddonBackup & { sha256: string };
  fileName: string;
  sizeBytes: number;
  /** The stored gzip bytes, already checked against the recorded sha256. */
  body: Readable;
}

/** `pier backups:download`: the stored file, refused when it no longer matches its checksum. */
export async function openBackupDownload(params: { app: string; addon: string; backup: string }, actor: Actor, deps: Pick<Deps, "prisma" | "config"> & BackupTargetDeps): Promise<BackupDownload> {
  const { addon, backup } = await getBackup(params, actor, deps);
  if (backup.state !== "succeeded" || !backup.sha256 || backup.sizeBytes === null) throw new UseCaseError("conflict", `Backup ${backup.name} is ${backup.state}: only a succeeded backup can be downloaded.`);
  const stored = { sizeBytes: Number(backup.sizeBytes), sha256: backup.sha256 };
  try {
    const body = await (await backupTargetOf(deps, backup.target)).openCompressed(backup.targetKey, stored);
    return { backup: { ...backup, sha256: backup.sha256 }, fileName: downloadFileName(addon.name, backup.name, addon.kind), sizeBytes: stored.sizeBytes, body };
  } catch (err) {
    if (err instanceof ChecksumMismatchError) throw new UseCaseError("conflict", `Backup ${backup.name} ${err.message.replace(/^the stored backup \S+ /, "")}.`);
    throw err;
  }
}
