import { describe, expect, it } from "vitest";
import { backupsToPrune, type RetainedBackup } from "./retention.js";

const b = (number: number, state: RetainedBackup["state"]): RetainedBackup => ({ id: `id${number}`, number, state });

describe("backupsToPrune", () => {
  it.each<[string, RetainedBackup[], number, string[]]>([
    ["nothing to do", [b(1, "succeeded"), b(2, "succeeded")], 2, []],
    ["keeps the newest N successes", [b(1, "succeeded"), b(2, "succeeded"), b(3, "succeeded"), b(4, "succeeded")], 2, ["id2", "id1"]],
    ["order of input does not matter", [b(3, "succeeded"), b(1, "succeeded"), b(2, "succeeded")], 1, ["id2", "id1"]],
    ["failures do not count toward N", [b(1, "succeeded"), b(2, "failed"), b(3, "failed"), b(4, "succeeded")], 2, []],
    ["old failures go, newer ones stay visible", [b(1, "failed"), b(2, "succeeded"), b(3, "succeeded"), b(4, "failed")], 1, ["id2", "id1"]],
    ["the only good backup is never deleted", [b(1, "succeeded"), b(2, "failed"), b(3, "failed")], 1, []],
    ["keep 0 still keeps one", [b(1, "succeeded"), b(2, "succeeded")], 0, ["id1"]],
    ["no success: nothing is deleted, not even failures", [b(1, "failed"), b(2, "failed")], 1, []],
    ["pending and running are never touched", [b(1, "running"), b(2, "succeeded"), b(3, "succeeded"), b(4, "pending")], 1, ["id2"]],
    ["empty", [], 3, []],
  ])("%s", (_name, backups, keep, expected) => {
    expect(backupsToPrune(backups, keep)).toEqual(expected);
  });
});
