import { describe, expect, it } from "vitest";
import { resolveQuantity } from "./quantity.js";

describe("resolveQuantity", () => {
  it.each<[number | string, number, ReturnType<typeof resolveQuantity>]>([
    [3, 1, { quantity: 3 }],
    ["3", 1, { quantity: 3 }],
    ["+1", 2, { quantity: 3 }],
    ["-1", 2, { quantity: 1 }],
    [" 0 ", 4, { quantity: 0 }],
    ["-3", 2, { error: "Cannot scale below 0 (currently 2, asked -3)." }],
    ["101", 0, { error: "At most 100 instances per process type." }],
    ["two", 0, { error: 'Quantity must be a whole number, optionally +N or -N, got "two".' }],
    [1.5, 0, { error: 'Quantity must be a whole number, optionally +N or -N, got "1.5".' }],
  ])("%j from %d", (requested, current, expected) => {
    expect(resolveQuantity(requested, current)).toEqual(expected);
  });
});
