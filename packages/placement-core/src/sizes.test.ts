import { describe, expect, it } from "vitest";
import { findSize, formatBytes } from "./sizes.js";

describe("sizes", () => {
  it.each([
    ["basic", 512 * 1024 ** 2],
    ["Standard", 1024 ** 3],
    ["performance-m", 2.5 * 1024 ** 3],
  ])("%s has its memory", (name, bytes) => {
    expect(findSize(name)?.memoryBytes).toBe(bytes);
  });

  it("knows no made-up size", () => {
    expect(findSize("huge")).toBeUndefined();
  });

  it.each([
    [512 * 1024 ** 2, "512 MB"],
    [1024 ** 3, "1 GB"],
    [2.5 * 1024 ** 3, "2.5 GB"],
    [0, "0 MB"],
  ])("formats %d bytes as %s", (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});
