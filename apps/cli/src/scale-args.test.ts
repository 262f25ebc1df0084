import { describe, expect, it } from "vitest";
import { parseScaleArgs } from "./scale-args.js";

describe("parseScaleArgs", () => {
  it.each<[string[], ReturnType<typeof parseScaleArgs>]>([
    [["web=3", "worker=2"], { updates: [{ type: "web", quantity: "3" }, { type: "worker", quantity: "2" }] }],
    [["web=+1"], { updates: [{ type: "web", quantity: "+1" }] }],
    [["web+2", "worker-1"], { updates: [{ type: "web", quantity: "+2" }, { type: "worker", quantity: "-1" }] }],
    [["web=2:standard"], { updates: [{ type: "web", quantity: "2", size: "standard" }] }],
    [["web=:performance-m"], { updates: [{ type: "web", size: "performance-m" }] }],
    [["web"], { bad: "web" }],
    [["web="], { bad: "web=" }],
    [["web=three"], { bad: "web=three" }],
    [["Web=1"], { bad: "Web=1" }],
  ])("%j", (args, expected) => {
    expect(parseScaleArgs(args)).toEqual(expected);
  });
});
