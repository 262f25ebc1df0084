import { describe, expect, it } from "vitest";
import { DeadlineSweeper, sweepPeriodMs } from "./deadline-sweeper.js";

describe("sweepPeriodMs", () => {
  it.each([
    ["production defaults: at most half a second", [5_000, 30_000, 55_000, 55_000, 30_000, 30_000], 500],
    ["a tenth of the shortest", [300, 30_000], 30],
    ["never below 5 ms", [10], 5],
    ["ignores unlimited and zero", [Number.POSITIVE_INFINITY, 0, 2_000], 200],
    ["nothing to watch", [], 500],
  ])("%s", (_what, timeouts, expected) => {
    expect(sweepPeriodMs(timeouts)).toBe(expected);
  });
});

describe("DeadlineSweeper", () => {
  it("checks every item with the current time until stopped", async () => {
    const seen: number[] = [];
    const sweeper = new DeadlineSweeper([{ checkDeadlines: (now) => seen.push(now) }], 5);
    await new Promise((r) => setTimeout(r, 60));
    sweeper.stop();
    const count = seen.length;
    expect(count).toBeGreaterThan(1);
    expect(Math.abs(seen.at(-1)! - Date.now())).toBeLessThan(1000);
    await new Promise((r) => setTimeout(r, 30));
    expect(seen.length).toBe(count);
  });
});
