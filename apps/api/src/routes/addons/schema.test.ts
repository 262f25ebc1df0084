import { describe, expect, it } from "vitest";
import { kindAndPlan } from "./schema.js";

describe("kindAndPlan", () => {
  it.each([
    ["postgres", { kind: "postgres", plan: undefined }],
    ["redis:standard", { kind: "redis", plan: "standard" }],
    ["postgres:", { kind: "postgres", plan: undefined }],
    // Heroku's CLI: `heroku addons:create heroku-postgresql:mini` posts {"plan": {"name": …}}.
    [{ name: "heroku-postgresql:mini" }, { kind: "heroku-postgresql", plan: "mini" }],
    [{ name: "heroku-redis" }, { kind: "heroku-redis", plan: undefined }],
  ] as const)("%j", (plan, want) => expect(kindAndPlan(plan)).toEqual(want));
});
