import { describe, expect, it } from "vitest";
import { planAddonMaintenance, purgeTime, type AddonRecord } from "./maintenance.js";

const now = new Date("2026-11-22T12:00:00Z");
const past = new Date("2026-11-20T00:00:00Z");
const future = new Date("2026-11-29T00:00:00Z");
const addon = (over: Partial<AddonRecord>): AddonRecord => ({
  id: "a1", state: "available", containerName: "c1", volumeName: "v1", purgeAfter: null, purgedAt: null, destroyedAt: null,
  updatedAt: new Date(now.getTime() - 10 * 60_000), ...over,
});

describe("planAddonMaintenance", () => {
  it.each([
    ["running available: nothing", addon({}), [{ name: "c1", state: "running" }], []],
    ["restarting (Docker's policy at work): nothing", addon({}), [{ name: "c1", state: "restarting" }], []],
    ["exited available: start", addon({}), [{ name: "c1", state: "exited" }], [{ kind: "start", addonId: "a1", containerName: "c1" }]],
    ["missing container: recreate on the volume", addon({}), [], [{ kind: "recreate", addonId: "a1" }]],
    ["provisioning recently: left to createAddon", addon({ state: "provisioning", updatedAt: new Date(now.getTime() - 60_000) }),
      [{ name: "c1", state: "running" }], []],
    ["provisioning recently, no container yet: left to createAddon", addon({ state: "provisioning", updatedAt: new Date(now.getTime() - 60_000) }), [], []],
    ["interrupted provisioning, server running: finish", addon({ state: "provisioning" }), [{ name: "c1", state: "running" }],
      [{ kind: "finish-provisioning", addonId: "a1", containerName: "c1" }]],
    ["interrupted provisioning, no container: failed, volume removed", addon({ state: "provisioning" }), [],
      [{ kind: "fail-provisioning", addonId: "a1", containerName: "c1", keepVolume: false,
        reason: "Provisioning was interrupted (Pier stopped while it ran) and its server's container is gone." }]],
    ["interrupted provisioning, container exited: failed", addon({ state: "provisioning" }), [{ name: "c1", state: "exited" }],
      [{ kind: "fail-provisioning", addonId: "a1", containerName: "c1", keepVolume: false,
        reason: "Provisioning was interrupted (Pier stopped while it ran) and its server's container is exited." }]],
    ["interrupted restore, server restarting: destroyed again, data kept", addon({ state: "provisioning", destroyedAt: past }),
      [{ name: "c1", state: "restarting" }],
      [{ kind: "fail-provisioning", addonId: "a1", containerName: "c1", keepVolume: true,
        reason: "Restore was interrupted (Pier stopped while it ran) and its server's container is restarting." }]],
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
