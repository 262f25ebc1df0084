import { describe, expect, it } from "vitest";
import { parseArgs } from "./args.js";

describe("parseArgs", () => {
  it.each([
    [["hello"], { positionals: ["hello"], flags: {} }],
    [["-a", "hello"], { positionals: [], flags: { app: "hello" } }],
    [["--app=hello", "--json"], { positionals: [], flags: { app: "hello", json: true } }],
    [["--json", "x"], { positionals: ["x"], flags: { json: true } }],
    [["hello", "--confirm", "hello"], { positionals: ["hello"], flags: { confirm: "hello" } }],
    [["--", "-a"], { positionals: ["-a"], flags: {} }],
  ])("%j", (argv, expected) => expect(parseArgs(argv)).toEqual(expected));
});
