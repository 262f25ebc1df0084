/** The add-on kinds Pier can back up; the same names as the Addon model's `kind`. */
export type BackupKind = "postgres" | "redis" | "mysql";

export const BACKUP_KINDS: readonly BackupKind[] = ["postgres", "redis", "mysql"];

/** What a dump of each kind is, as a file a person downloads (before gzip). */
const EXTENSION: Record<BackupKind, string> = { postgres: "dump", mysql: "sql", redis: "rdb" };

/**
 * Where a backup lives inside a target (a directory, a bucket): one folder per add-on id, so a
 * renamed or destroyed add-on's backups stay together, e.g. "3f2c…/b004.dump.gz".
 */
export function backupKey(addonId: string, name: string, kind: BackupKind): string {
  if (!/^[A-Za-z0-9-]+$/.test(addonId)) throw new Error(`add-on id "${addonId}" is not a plain id`);
  if (!/^b\d{3,}$/.test(name)) throw new Error(`backup name "${name}" is not of the form b001`);
  return `${addonId}/${name}.${EXTENSION[kind]}.gz`;
}

/** File name offered on download, e.g. "shop-db-b004.dump.gz". */
export function downloadFileName(addonName: string, name: string, kind: BackupKind): string {
  return `${addonName}-${name}.${EXTENSION[kind]}.gz`;
}
