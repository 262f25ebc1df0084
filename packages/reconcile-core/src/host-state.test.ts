import { describe, expect, it } from "vitest";
import { HOST_DOWN_AFTER_MS, nextHostState } from "./host-state.js";
import type { HostState } from "./types.js";

const NOW = 100_000;

describe("nextHostState", () => {
  it.each<[string, HostState, number | null, boolean, HostState]>([
    ["ready and answering", "ready", NOW - 1000, true, "ready"],
    ["silent for a moment", "ready", NOW - 1000, false, "ready"],
    ["silent too long", "ready", NOW - HOST_DOWN_AFTER_MS, false, "down"],
    ["never answered", "ready", null, false, "down"],
    ["draining stays draining", "draining", NOW - 1000, true, "draining"],
    ["draining host goes down", "draining", NOW - HOST_DOWN_AFTER_MS, false, "down"],
    ["down host answers again", "down", NOW - 60_000, true, "ready"],
    ["down stays down", "down", NOW - 60_000, false, "down"],
  ])("%s", (_name, state, lastHeartbeatAt, answered, expected) => {
    expect(nextHostState({ state, lastHeartbeatAt }, answered, NOW)).toEqual(expected);
  });
});
