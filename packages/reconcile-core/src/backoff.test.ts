import { describe, expect, it } from "vitest";
import { backoffDelayMs } from "./backoff.js";

describe("backoffDelayMs", () => {
  it.each([
    [0, 0],
    [1, 1000],
    [2, 2000],
    [5, 16_000],
    [9, 256_000],
    [10, 300_000],
    [1000, 300_000],
  ])("after %d restarts waits %d ms", (restarts, ms) => {
    expect(backoffDelayMs(restarts)).toBe(ms);
  });
});
