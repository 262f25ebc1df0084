import { afterEach, describe, expect, it, vi } from "vitest";
import { AppWatch } from "./app-watch.js";

const tick = () => new Promise((r) => setTimeout(r, 0));

function setup(look: (appId: string) => Promise<string | null>) {
  const wakes: (() => void)[] = [];
  let stopped = 0;
  const warnings: string[] = [];
  const watch = new AppWatch<string>({
    look,
    everyMs: 1000,
    subscribeWakes: (wake) => {
      wakes.push(wake);
      return () => stopped++;
    },
    warn: (m) => warnings.push(m),
  });
  return { watch, wakes, warnings, stopped: () => stopped };
}

describe("AppWatch", () => {
  afterEach(() => vi.useRealTimers());

  it("shares one look per tick among the streams of one app", async () => {
    vi.useFakeTimers();
    const look = vi.fn(async (id: string) => `${id}@${look.mock.calls.length}`);
    const { watch } = setup(look);
    const a: (string | null)[] = [];
    const b: (string | null)[] = [];
    watch.watch("app1", (s) => a.push(s));
    watch.watch("app1", (s) => b.push(s));
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(1000);
    await vi.advanceTimersByTimeAsync(1000);
    // The second stream's arrival asks for one fresh look; after that, one look per tick for both.
    expect(look).toHaveBeenCalledTimes(4);
    expect(a).toEqual(["app1@1", "app1@2", "app1@3", "app1@4"]);
    expect(b).toEqual(a);
    expect(look.mock.calls.every(([id]) => id === "app1")).toBe(true);
  });

  it("looks at once when woken, and keeps a wake that came during a look", async () => {
    vi.useFakeTimers();
    let release!: () => void;
    const look = vi.fn(() => new Promise<string>((r) => (release = () => r("s"))));
    const { watch, wakes } = setup(look);
    watch.watch("app1", () => {});
    await vi.advanceTimersByTimeAsync(0);
    expect(look).toHaveBeenCalledTimes(1);
    wakes[0]!(); // during the first look
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(look).toHaveBeenCalledTimes(2);
    release();
    await vi.advanceTimersByTimeAsync(10);
    expect(look).toHaveBeenCalledTimes(2);
    wakes[0]!(); // while sleeping
    await vi.advanceTimersByTimeAsync(0);
    expect(look).toHaveBeenCalledTimes(3);
  });

  it("stops looking and drops the wake-up subscription when the last stream goes", async () => {
    const look = vi.fn(async () => "s");
    const { watch, stopped } = setup(look);
    const stopA = watch.watch("app1", () => {});
    const stopB = watch.watch("app2", () => {});
    await tick();
    stopA();
    await tick();
    await tick();
    expect(watch.watchedApps).toBe(1);
    expect(stopped()).toBe(0);
    stopB();
    await tick();
    await tick();
    expect(watch.watchedApps).toBe(0);
    expect(stopped()).toBe(1);
  });

  it("says when a look fails and goes on looking", async () => {
    vi.useFakeTimers();
    let fail = true;
    const { watch, warnings } = setup(async () => {
      if (fail) throw new Error("db down");
      return "s";
    });
    const seen: (string | null)[] = [];
    watch.watch("app1", (s) => seen.push(s));
    await vi.advanceTimersByTimeAsync(0);
    expect(warnings).toEqual([expect.stringContaining("could not read app app1 (db down)")]);
    expect(seen).toEqual([]);
    fail = false;
    await vi.advanceTimersByTimeAsync(1000);
    expect(seen).toEqual(["s"]);
  });

  it("passes on that the app is gone", async () => {
    const { watch } = setup(async () => null);
    const seen: (string | null)[] = [];
    const stop = watch.watch("app1", (s) => seen.push(s));
    await tick();
    await tick();
    expect(seen[0]).toBeNull();
    stop();
  });
});
