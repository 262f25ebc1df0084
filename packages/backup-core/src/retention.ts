import type { BackupState } from "./states.js";

export interface RetainedBackup {
  id: string;
  number: number;
  state: BackupState;
}

/**
 * Which backups retention removes, keeping the `keep` newest successful ones (at least one: the
 * only good backup is never deleted). Failed backups older than the oldest kept success go too;
 * newer failures stay visible. Pending and running backups are never touched.
 */
export function backupsToPrune(backups: readonly RetainedBackup[], keep: number): string[] {
  const limit = Math.max(1, Math.floor(keep));
  const newestFirst = [...backups].sort((a, b) => b.number - a.number);
  const kept = newestFirst.filter((b) => b.state === "succeeded").slice(0, limit);
  if (kept.length === 0) return [];
  const oldestKept = kept[kept.length - 1]!.number;
  return newestFirst
    .filter((b) => (b.state === "succeeded" && !kept.includes(b)) || (b.state === "failed" && b.number < oldestKept))
    .map((b) => b.id);
}
