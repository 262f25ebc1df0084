import { describe, expect, it } from "vitest";
import { containsNul } from "./input-hygiene.js";

describe("containsNul", () => {
  it.each([
    ["a\u0000b", true],
    [{ k: ["x", { deep: "\u0000" }] }, true],
    [{ "k\u0000": 1 }, true],
    [{ k: "fine", n: 1, b: null }, false],
    [[1, 2, "three"], false],
    [undefined, false],
  ])("%j -> %s", (value, expected) => expect(containsNul(value)).toBe(expected));
});
