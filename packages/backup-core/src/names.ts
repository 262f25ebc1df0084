/**
 * Backups are named per add-on like Heroku's pg:backups: b001, b002, … (b1000 after b999).
 * Numbers are never reused within an add-on, even after a backup is deleted.
 */
export function backupName(number: number): string {
  if (!Number.isInteger(number) || number < 1) throw new RangeError(`backup numbers start at 1, got ${number}`);
  return `b${String(number).padStart(3, "0")}`;
}

/** "b007" -> 7; anything else (including "b0", "7", "b1x") -> undefined. */
export function parseBackupName(name: string): number | undefined {
  const m = /^b(\d{3,})$/i.exec(name.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  return n >= 1 && backupName(n) === m[0].toLowerCase() ? n : undefined;
}

/** The number the next backup of an add-on gets: one past the highest ever used. */
export function nextBackupNumber(highestUsed: number | null | undefined): number {
  return (highestUsed ?? 0) + 1;
}
