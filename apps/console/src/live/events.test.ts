import { describe, expect, it } from "vitest";
import { EventHub, reconnectDelayMs } from "./events.js";

describe("EventHub", () => {
  it("calls a listener for its kinds and for ready, and stops after unsubscribing", () => {
    const hub = new EventHub();
    const seen: string[] = [];
    const off = hub.subscribe(["build", "release"], (k) => seen.push(k));
    for (const k of ["build", "instance", "ready", "release"] as const) hub.emit(k);
    off();
    hub.emit("build");
    expect(seen).toEqual(["build", "ready", "release"]);
  });
});

describe("reconnectDelayMs", () => {
  it.each([
    [0, 1000],
    [1, 2000],
    [3, 8000],
    [10, 30_000],
    [-1, 1000],
  ])("attempt %i waits %i ms", (attempt, ms) => expect(reconnectDelayMs(attempt)).toBe(ms));
});
