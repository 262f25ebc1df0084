import { describe, expect, it } from "vitest";
import { parseArgs } from "../args.js";
import { logOptions } from "./logs.js";

describe("logOptions", () => {
  it.each([
    [[], { lines: 100, tail: false }],
    [["--tail"], { lines: 100, tail: true }],
    [["-t", "--num", "5"], { lines: 5, tail: true }],
    [["-n", "0", "--ps", "web.1", "--source", "app"], { lines: 0, tail: false, dyno: "web.1", source: "app" }],
    [["--dyno=router", "-s", "pier"], { lines: 100, tail: false, dyno: "router", source: "pier" }],
  ])("%j", (argv, options) => expect(logOptions(parseArgs(argv).flags)).toEqual(options));

  it.each([[["--num", "many"]], [["--num"]], [["--ps"]], [["--source"]]])("rejects %j", (argv) => {
    expect(() => logOptions(parseArgs(argv).flags)).toThrow(/needs/);
  });
});
