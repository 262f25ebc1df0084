import { describe, expect, it } from "vitest";
import { humanSize } from "./size.js";

describe("humanSize", () => {
  it.each([
    [0, "0 B"],
    [999, "999 B"],
    [1000, "1.0 kB"],
    [1234567, "1.2 MB"],
    [5e9, "5.0 GB"],
    [3e15, "3000.0 TB"],
  ])("%i -> %s", (n, s) => expect(humanSize(n)).toBe(s));
});
