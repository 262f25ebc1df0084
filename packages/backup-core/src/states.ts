/** pending -> running -> succeeded | failed. A failed backup always carries its reason. */
export type BackupState = "pending" | "running" | "succeeded" | "failed";

export type BackupEvent = { type: "start" } | { type: "succeed" } | { type: "fail"; reason: string };

export interface BackupStatus {
  state: BackupState;
  error: string | null;
}

export class BackupTransitionError extends Error {
  override name = "BackupTransitionError";
}

/** The next status, or a BackupTransitionError for a step that must not happen (e.g. failed -> succeeded). */
export function nextBackupStatus(current: BackupState, event: BackupEvent): BackupStatus {
  switch (event.type) {
    case "start":
      if (current === "pending") return { state: "running", error: null };
      break;
    case "succeed":
      if (current === "running") return { state: "succeeded", error: null };
      break;
    case "fail": {
      // A backup that never started can fail too (the add-on was gone when its turn came).
      if (current !== "pending" && current !== "running") break;
      const reason = event.reason.trim();
      if (!reason) throw new BackupTransitionError("a failed backup needs a reason a person can act on");
      return { state: "failed", error: reason };
    }
  }
  throw new BackupTransitionError(`a ${current} backup cannot ${event.type}`);
}

/** Finished backups are the only ones that may be deleted, restored (succeeded only) or downloaded. */
export const isFinished = (state: BackupState): boolean => state === "succeeded" || state === "failed";
