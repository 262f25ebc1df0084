import { describe, expect, it } from "vitest";
import { containsNul } from "./input-hygiene.js";

describe("containsNul", () => {
  it("does not walk into streams (a git push body)", async () => {
    const { Readable } = await import("node:stream");
    const started = Date.now();
    expect(containsNul(Readable.from(["x"]))).toBe(false);
    expect(Date.now() - started).toBeLessThan(100);
  });

  it.each([
    ["a\u0000b", true],
    [{ k: ["x", { deep: "\u0000" }] }, true],
    [{ "k\u0000": 1 }, true],
    [{ k: "fine", n: 1, b: null }, false],
    [[1, 2, "three"], false],
    [undefined, false],
    [new Map([["k", "\u0000"]]), false],
  ])("%j -> %s", (value, expected) => expect(containsNul(value)).toBe(expected));
});
