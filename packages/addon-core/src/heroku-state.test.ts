import { describe, expect, it } from "vitest";
import { herokuAddonState } from "./heroku-state.js";

describe("herokuAddonState", () => {
  it.each([
    ["provisioning", "provisioning"],
    ["available", "provisioned"],
    ["failed", "deprovisioned"],
    ["destroyed", "deprovisioned"],
  ] as const)("%s -> %s", (pier, heroku) => expect(herokuAddonState(pier)).toBe(heroku));
});
