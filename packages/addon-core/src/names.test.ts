import { describe, expect, it } from "vitest";
import { parseKind } from "./kinds.js";
import { addonNameProblem, defaultAttachmentName, generatedAddonName, normaliseAttachmentName } from "./names.js";
import { findPlan } from "./plans.js";

describe("parseKind", () => {
  it.each([
    ["postgres", "postgres"], ["heroku-postgresql:mini", "postgres"], ["PostgreSQL", "postgres"],
    ["redis", "redis"], ["heroku-redis", "redis"], ["mariadb", "mysql"], ["mysql", "mysql"], ["mongodb", undefined], ["", undefined],
  ])("%s -> %s", (raw, kind) => expect(parseKind(raw)).toBe(kind));
});

describe("generatedAddonName", () => {
  it.each([
    [0, 12345, "postgres-amber-12345"],
    [17, 7, "postgres-aqua-00007"],
    [-1, 123456, "postgres-aqua-23456"],
  ])("word %i number %i -> %s", (w, n, name) => expect(generatedAddonName("postgres", w, n)).toBe(name));

  it("always makes a valid name", () => {
    for (let i = 0; i < 50; i++) expect(addonNameProblem(generatedAddonName("redis", i, i * 7919))).toBeUndefined();
  });
});

describe("addonNameProblem", () => {
  it.each([
    ["postgres-amber-12345", false], ["db", true], ["main-db", false], ["Main", true], ["a--b", true], ["-ab", true], ["ab-", true], ["a".repeat(51), true],
  ])("%s problem=%s", (name, bad) => expect(addonNameProblem(name) !== undefined).toBe(bad));
});

describe("normaliseAttachmentName", () => {
  it.each([
    ["DATABASE", "DATABASE"], ["cache", "CACHE"], ["other-db", "OTHER_DB"], ["ANALYTICS_URL", "ANALYTICS"],
  ])("%s -> %s", (raw, name) => expect(normaliseAttachmentName(raw)).toBe(name));
  it.each(["1DB", "", "A B", "PORT", "x;rm"])("%s is refused", (raw) => expect(normaliseAttachmentName(raw)).toHaveProperty("problem"));
});

describe("defaultAttachmentName", () => {
  it.each([
    [[], "DATABASE"],
    [["REDIS"], "DATABASE"],
    [["DATABASE"], "POSTGRES_AMBER_12345"],
  ])("taken %j -> %s", (taken, name) => expect(defaultAttachmentName("DATABASE", "postgres-amber-12345", taken)).toBe(name));
});

describe("findPlan", () => {
  it.each([[undefined, "small"], ["small", "small"], ["standard", "standard"]])("%s -> %s", (raw, name) =>
    expect(findPlan(raw)).toMatchObject({ name }));
  it("lists the plans when the name is unknown", () => expect(findPlan("huge")).toBe('There is no add-on plan "huge": choose small or standard.'));
});
