import { describe, expect, it } from "vitest";
import { deployPhases } from "./deploy-timings.js";

describe("deployPhases", () => {
  it.each([
    ["all three", [{ at: 110, line: "Starting web.1 (release v2)" }, { at: 150, line: "web.1 is up" }, { at: 160, line: "Routing to release v2" }],
      [{ name: "start", ms: 10 }, { name: "health", ms: 40 }, { name: "routes", ms: 10 }]],
    ["two web instances: the last of each", [
      { at: 105, line: "Starting web.1 (release v2)" }, { at: 120, line: "Starting web.2 (release v2)" },
      { at: 130, line: "web.1 is up" }, { at: 140, line: "web.2 is up" }, { at: 141, line: "Routing to release v2" },
    ], [{ name: "start", ms: 20 }, { name: "health", ms: 20 }, { name: "routes", ms: 1 }]],
    ["failed before routing", [{ at: 110, line: "Starting web.1 (release v2)" }], [{ name: "start", ms: 10 }]],
    ["nothing said", [], []],
  ])("%s", (_n, lines, expected) => expect(deployPhases(100, lines)).toEqual(expected));
});
