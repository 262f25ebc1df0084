import { describe, expect, it } from "vitest";
import { isFinished, nextBackupStatus, type BackupEvent, type BackupState } from "./states.js";

describe("nextBackupStatus", () => {
  it.each<[BackupState, BackupEvent, BackupState, string | null]>([
    ["pending", { type: "start" }, "running", null],
    ["running", { type: "succeed" }, "succeeded", null],
    ["running", { type: "fail", reason: "pg_dump exited with 1: connection refused" }, "failed", "pg_dump exited with 1: connection refused"],
    ["pending", { type: "fail", reason: "the add-on was destroyed" }, "failed", "the add-on was destroyed"],
  ])("%s + %j -> %s", (from, event, state, error) => {
    expect(nextBackupStatus(from, event)).toEqual({ state, error });
  });

  it.each<[BackupState, BackupEvent]>([
    ["pending", { type: "succeed" }],
    ["running", { type: "start" }],
    ["succeeded", { type: "fail", reason: "x" }],
    ["failed", { type: "succeed" }],
    ["failed", { type: "start" }],
    ["succeeded", { type: "start" }],
  ])("%s + %j is refused", (from, event) => {
    expect(() => nextBackupStatus(from, event)).toThrow(/cannot/);
  });

  it("a failure needs a reason", () => {
    expect(() => nextBackupStatus("running", { type: "fail", reason: "  " })).toThrow(/reason/);
  });

  it.each<[BackupState, boolean]>([
    ["pending", false],
    ["running", false],
    ["succeeded", true],
    ["failed", true],
  ])("%s finished: %s", (s, f) => expect(isFinished(s)).toBe(f));
});
