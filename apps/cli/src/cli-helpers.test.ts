import { describe, expect, it } from "vitest";
import { parseAssignments } from "./commands/config.js";
import { parseDuration } from "./commands/tokens.js";
import { exitCodeForStatus } from "./exit-codes.js";
import { age } from "./output.js";

describe("CLI helpers", () => {
  it.each([
    [["A=1"], { A: "1" }],
    [["URL=postgres://x?a=b", "EMPTY="], { URL: "postgres://x?a=b", EMPTY: "" }],
  ])("parseAssignments(%j)", (args, expected) => expect(parseAssignments(args)).toEqual(expected));

  it.each([[[]], [["NOEQUALS"]], [["=value"]]])("parseAssignments rejects %j with a usage error", (args) => {
    expect(() => parseAssignments(args)).toThrow(expect.objectContaining({ exitCode: 2 }));
  });

  it.each([
    ["90s", 90],
    ["15m", 900],
    ["12h", 43_200],
    ["30d", 2_592_000],
  ])("parseDuration(%s) = %i", (text, seconds) => expect(parseDuration(text)).toBe(seconds));

  it.each([["30"], ["1w"], ["-5m"]])("parseDuration rejects %s", (text) => expect(() => parseDuration(text)).toThrow(/duration/));

  it.each([
    [401, 3],
    [403, 5],
    [404, 4],
    [409, 6],
    [422, 1],
    [429, 7],
    [503, 8],
  ])("HTTP %i exits %i", (status, code) => expect(exitCodeForStatus(status)).toBe(code));

  it.each([
    [5, "5s ago"],
    [120, "2m ago"],
    [7200, "2h ago"],
    [172_800, "2d ago"],
  ])("age of %i s", (seconds, text) => expect(age(new Date(1_000_000_000_000 - seconds * 1000).toISOString(), 1_000_000_000_000)).toBe(text));
});
