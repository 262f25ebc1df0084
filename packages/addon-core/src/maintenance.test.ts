import { describe, expect, it } from "vitest";
import { planAddonMaintenance, purgeTime, type AddonRecord } from "./maintenance.js";

const now = new Date("2026-11-22T12:00:00Z");
const past = new Date("2026-11-20T00:00:00Z");
const future = new Date("2026-11-29T00:00:00Z");
const addon = (over: Partial<AddonRecord>): AddonRecord => ({
  id: "a1", state: "available", containerName: "c1", volumeName: "v1", purgeAfter: null, purgedAt: null, ...over,
});

describe("planAddonMaintenance", () => {
  it.each([
    ["running available: nothing", addon({}), [{ name: "c1", state: "running" }], []],
    ["restarting (Docker's policy at work): nothing", addon({}), [{ name: "c1", state: "restarting" }], []],
    ["exited available: start", addon({}), [{ name: "c1", state: "exited" }], [{ kind: "start", addonId: "a1", containerName: "c1" }]],
    ["missing container: recreate on the volume", addon({}), [], [{ kind: "recreate", addonId: "a1" }]],
    ["provisioning: left to createAddon", addon({ state: "provisioning" }), [], []],
    ["failed: left alone", addon({ state: "failed" }), [], []],
    ["destroyed with a container: remove it", addon({ state: "destroyed", purgeAfter: future }), [{ name: "c1", state: "running" }],
      [{ kind: "remove-container", addonId: "a1", containerName: "c1" }]],
    ["destroyed within grace: keep the volume", addon({ state: "destroyed", purgeAfter: future }), [], []],
    ["destroyed past grace: purge", addon({ state: "destroyed", purgeAfter: past }), [], [{ kind: "purge-volume", addonId: "a1", volumeName: "v1" }]],
    ["already purged: nothing", addon({ state: "destroyed", purgeAfter: past, purgedAt: past }), [], []],
  ])("%s", (_name, a, containers, actions) => expect(planAddonMaintenance([a], containers, now)).toEqual(actions));
});

describe("purgeTime", () => {
  it("adds the grace period", () => expect(purgeTime(past, 7 * 24 * 3600_000)).toEqual(new Date("2026-11-27T00:00:00Z")));
});
