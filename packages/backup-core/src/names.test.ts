import { describe, expect, it } from "vitest";
import { backupName, nextBackupNumber, parseBackupName } from "./names.js";
import { backupKey, downloadFileName } from "./kinds.js";

describe("backup names", () => {
  it.each([
    [1, "b001"],
    [42, "b042"],
    [999, "b999"],
    [1000, "b1000"],
  ])("%i is %s and back", (n, name) => {
    expect(backupName(n)).toBe(name);
    expect(parseBackupName(name)).toBe(n);
  });

  it.each(["b0", "b000", "7", "b01", "b1x", "", "a001", "b0001"])("%j is not a backup name", (s) => {
    expect(parseBackupName(s)).toBeUndefined();
  });

  it("accepts upper case and spaces around", () => expect(parseBackupName(" B003 ")).toBe(3));
  it("refuses number 0", () => expect(() => backupName(0)).toThrow(/start at 1/));
  it.each([
    [null, 1],
    [undefined, 1],
    [7, 8],
  ])("after %j comes %i", (last, next) => expect(nextBackupNumber(last)).toBe(next));
});

describe("backup keys and file names", () => {
  it.each([
    ["postgres", "a1-b2/b004.dump.gz", "shop-db-b004.dump.gz"],
    ["mysql", "a1-b2/b004.sql.gz", "shop-db-b004.sql.gz"],
    ["redis", "a1-b2/b004.rdb.gz", "shop-db-b004.rdb.gz"],
  ] as const)("%s", (kind, key, file) => {
    expect(backupKey("a1-b2", "b004", kind)).toBe(key);
    expect(downloadFileName("shop-db", "b004", kind)).toBe(file);
  });
  it.each([
    ["../etc", "b001"],
    ["a1", "../b001"],
    ["a/1", "b001"],
  ])("refuses a path-like key part %s %s", (id, name) => expect(() => backupKey(id, name, "redis")).toThrow());
});
