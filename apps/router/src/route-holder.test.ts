import { describe, expect, it } from "vitest";
import { compileRouteTable, matchRoute } from "@pier/routing-core";
import { RouteHolder } from "./route-holder.js";

const table = (version: number, app: string) => ({
  version,
  ...compileRouteTable({ baseDomain: "localhost", apps: [{ name: app, domains: [], backends: [] }] }),
});

describe("RouteHolder", () => {
  it("starts empty", () => {
    const h = new RouteHolder();
    expect(h.version).toBe(0);
    expect(matchRoute(h.lookup, "a.localhost")).toBeUndefined();
  });

  it.each([
    ["a newer table", [table(1, "a"), table(2, "b")], [true, true], 2, "b"],
    ["an older table", [table(5, "a"), table(3, "b")], [true, false], 5, "a"],
    ["the same version again", [table(5, "a"), table(5, "b")], [true, false], 5, "a"],
  ])("given %s", (_what, tables, accepted, version, app) => {
    const h = new RouteHolder();
    expect(tables.map((t) => h.offer(t))).toEqual(accepted);
    expect(h.version).toBe(version);
    expect(matchRoute(h.lookup, `${app}.localhost`)?.app).toBe(app);
  });

  it("swaps the lookup reference and leaves the old one as it was", () => {
    const h = new RouteHolder();
    h.offer(table(1, "a"));
    const before = h.lookup;
    h.offer(table(2, "b"));
    expect(h.lookup).not.toBe(before);
    expect(matchRoute(before, "a.localhost")?.app).toBe("a");
  });
});
