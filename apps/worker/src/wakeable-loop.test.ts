import { afterEach, describe, expect, it, vi } from "vitest";
import { startTimerLoop, startWakeableLoop } from "./wakeable-loop.js";

describe("startWakeableLoop", () => {
  afterEach(() => vi.useRealTimers());

  it("sleeps for what each pass returns, and wake cuts the sleep short", async () => {
    vi.useFakeTimers();
    let passes = 0;
    const loop = startWakeableLoop({ pass: async () => (++passes, 10_000) });
    await vi.advanceTimersByTimeAsync(0);
    expect(passes).toBe(1);
    await vi.advanceTimersByTimeAsync(9_999);
    expect(passes).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(passes).toBe(2);
    loop.wake();
    await vi.advanceTimersByTimeAsync(0);
    expect(passes).toBe(3);
    await loop.stop();
  });

  it("a wake during a pass makes the next pass follow at once; 0 means go again", async () => {
    vi.useFakeTimers();
    const sleeps = [0, 60_000, 60_000];
    let passes = 0;
    const loop = startWakeableLoop({
      pass: async () => {
        passes++;
        if (passes === 2) loop.wake();
        return sleeps[passes - 1] ?? 60_000;
      },
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(passes).toBe(3); // 1 asked for no sleep, 2 was woken mid-pass, 3 sleeps
    await loop.stop();
  });

  it("stop waits for the running pass and ends the loop", async () => {
    let release: () => void = () => {};
    let passes = 0;
    const loop = startWakeableLoop({ pass: () => (passes++, new Promise<number>((r) => (release = () => r(0)))) });
    await new Promise((r) => setImmediate(r));
    let stopped = false;
    const stopping = loop.stop().then(() => (stopped = true));
    await new Promise((r) => setImmediate(r));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(passes).toBe(1);
  });

  it("a timer loop waits firstAfterMs, then everyMs between passes", async () => {
    vi.useFakeTimers();
    let passes = 0;
    const loop = startTimerLoop({ firstAfterMs: 5_000, everyMs: 15_000, pass: async () => void passes++ });
    await vi.advanceTimersByTimeAsync(4_999);
    expect(passes).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(passes).toBe(1);
    await vi.advanceTimersByTimeAsync(15_000);
    expect(passes).toBe(2);
    await loop.stop();
  });
});
