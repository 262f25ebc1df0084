import { describe, expect, it } from "vitest";
import { compileRouteTable } from "./compile-route-table.js";
import { buildLookup, EMPTY_LOOKUP, matchRoute } from "./lookup.js";

const b = (instance: string) => ({ host: "127.0.0.1", port: 5000, instance });

const table = compileRouteTable({
  baseDomain: "localhost",
  apps: [
    { name: "shop", domains: ["www.shop.example", "*.shop.example"], backends: [b("web.1")] },
    { name: "admin", domains: ["admin.shop.example"], backends: [b("web.2")] },
    { name: "catchall", domains: ["*.localhost"], backends: [] },
  ],
});
const lookup = buildLookup(table);

describe("matchRoute", () => {
  it.each([
    ["shop.localhost", "shop"],
    ["SHOP.localhost:80", "shop"],
    ["shop.localhost.", "shop"],
    ["www.shop.example", "shop"],
    ["eu.shop.example:8443", "shop"],
    ["admin.shop.example", "admin"], // exact wins over the wildcard
    ["admin.localhost", "admin"],
    ["nope.localhost", "catchall"],
    ["a.b.shop.example", undefined], // a wildcard matches one label only
    ["shop.example", undefined],
    ["localhost", undefined],
    ["[::1]:80", undefined],
    ["127.0.0.1", undefined],
    ["", undefined],
    [undefined, undefined],
  ])("%j -> %j", (host, app) => {
    expect(matchRoute(lookup, host)?.app).toBe(app);
  });

  it("finds nothing in the empty lookup", () => {
    expect(matchRoute(EMPTY_LOOKUP, "shop.localhost")).toBeUndefined();
  });

  it("hands out routes that cannot be changed", () => {
    const route = matchRoute(lookup, "shop.localhost")!;
    expect(() => (route.backends as unknown[]).push(b("web.9"))).toThrow();
    expect(() => ((route as { app: string }).app = "x")).toThrow();
  });
});
