import { describe, expect, it } from "vitest";
import { compact, latest, linePath, niceMax } from "./chart.js";

describe("niceMax", () => {
  it.each([
    [0, 1],
    [-3, 1],
    [Number.NaN, 1],
    [0.7, 1],
    [1, 1],
    [1.2, 2],
    [3, 5],
    [7, 10],
    [42, 50],
    [180, 200],
  ])("%d -> %d", (value, want) => expect(niceMax(value)).toBe(want));
});

describe("linePath", () => {
  const plot = { width: 100, height: 50, max: 10 };
  it.each([
    { name: "no values", values: [], want: "" },
    { name: "one value is a dot at the left", values: [5], want: "M0 25h0" },
    { name: "a line across the width", values: [0, 10, 5], want: "M0 50L50 0L100 25" },
    { name: "gaps break the line; a lone point is a dot", values: [0, undefined, 5, 10, undefined], want: "M0 50h0 M50 25L75 0" },
    { name: "values above the top are clipped", values: [20, 20], want: "M0 0L100 0" },
  ])("$name", ({ values, want }) => expect(linePath(values, plot)).toBe(want));
});

describe("latest and compact", () => {
  it("finds the last present value", () => expect(latest([1, 2, undefined])).toBe(2));
  it("has nothing for an empty series", () => expect(latest([undefined])).toBeUndefined());
  it.each([
    [0, "0"],
    [0.256, "0.26"],
    [3.14159, "3.14"],
    [42.4, "42"],
    [1234, "1.2k"],
    [3_400_000, "3.4M"],
  ])("%d -> %s", (n, want) => expect(compact(n)).toBe(want));
});
