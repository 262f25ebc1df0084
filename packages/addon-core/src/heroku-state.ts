import type { AddonRecord } from "./maintenance.js";

/** The add-on states of Heroku's Platform API, which `heroku addons` shows as created/creating/errored. */
export type HerokuAddonState = "provisioning" | "provisioned" | "deprovisioned";

/**
 * Pier's add-on state in Heroku's terms. A failed provisioning is "deprovisioned", as on Heroku
 * (its CLI shows it as errored); so is a destroyed add-on still in its grace period.
 */
export function herokuAddonState(state: AddonRecord["state"]): HerokuAddonState {
  switch (state) {
    case "provisioning":
      return "provisioning";
    case "available":
      return "provisioned";
    case "failed":
    case "destroyed":
      return "deprovisioned";
  }
}
