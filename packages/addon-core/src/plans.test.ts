import { describe, expect, it } from "vitest";
import { parseKind } from "./kinds.js";
import { findPlan } from "./plans.js";

describe("findPlan", () => {
  it.each([
    [undefined, "small"],
    ["small", "small"],
    ["standard", "standard"],
    // Heroku's names, as `heroku addons:create heroku-postgresql:PLAN` sends them.
    ["mini", "small"],
    ["essential-0", "small"],
    ["hobby-dev", "small"],
    ["standard-0", "standard"],
    ["premium-2", "standard"],
  ])("%s -> %s", (name, plan) => expect(findPlan(name)).toMatchObject({ name: plan }));

  it.each(["huge", "standard-", "essential", "Mini"])("refuses %s with the plans there are", (name) =>
    expect(findPlan(name)).toBe(`There is no add-on plan "${name}": choose small or standard.`));
});

describe("parseKind (Heroku's {plan: SERVICE:PLAN})", () => {
  it.each([
    ["heroku-postgresql:mini", "postgres"],
    ["heroku-redis:mini", "redis"],
    ["postgres", "postgres"],
    ["mariadb", "mysql"],
    ["mongodb", undefined],
  ])("%s -> %s", (raw, kind) => expect(parseKind(raw)).toBe(kind));
});
