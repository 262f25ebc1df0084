import { describe, expect, it } from "vitest";
import { compileRouteTable } from "./compile-route-table.js";
import { parseVersionedRouteTable } from "./parse-route-table.js";
import type { RouteInputApp } from "./types.js";

const web1 = { host: "10.0.0.1", port: 5001, instance: "web.1" };
const web2 = { host: "10.0.0.2", port: 5002, instance: "web.2" };

function app(name: string, extra: Partial<RouteInputApp> = {}): RouteInputApp {
  return { name, domains: [], backends: [], ...extra };
}

describe("compileRouteTable", () => {
  it("gives every app <name>.<baseDomain> plus its custom domains, lowercased, trailing dot removed", () => {
    const table = compileRouteTable({
      baseDomain: "Pier.Test.",
      apps: [app("shop", { domains: ["WWW.Shop.Example.", "*.shop.example"], backends: [web1] }), app("blog")],
    });
    expect(table.routes).toEqual({
      "*.shop.example": { app: "shop", maintenance: false, backends: [web1] },
      "blog.pier.test": { app: "blog", maintenance: false, backends: [] },
      "shop.pier.test": { app: "shop", maintenance: false, backends: [web1] },
      "www.shop.example": { app: "shop", maintenance: false, backends: [web1] },
    });
    expect(Object.keys(table.routes)).toEqual([...Object.keys(table.routes)].sort());
  });

  it("carries maintenance and sorts and de-duplicates backends", () => {
    const table = compileRouteTable({
      baseDomain: "localhost",
      apps: [app("a", { maintenance: true, backends: [web2, web1, web2] })],
    });
    expect(table.routes["a.localhost"]).toEqual({ app: "a", maintenance: true, backends: [web1, web2] });
  });

  it("lets one app list the same hostname twice", () => {
    const table = compileRouteTable({ baseDomain: "localhost", apps: [app("a", { domains: ["a.localhost", "X.com", "x.com."] })] });
    expect(Object.keys(table.routes)).toEqual(["a.localhost", "x.com"]);
  });

  it.each([
    ["a custom domain equal to another app's default name", [app("shop"), app("evil", { domains: ["Shop.localhost"] })], /"shop\.localhost" is claimed by both app "shop" and app "evil"/],
    ["the same custom domain", [app("a", { domains: ["x.com"] }), app("b", { domains: ["X.com."] })], /"x\.com" is claimed by both app "a" and app "b"/],
    ["the same wildcard", [app("a", { domains: ["*.x.com"] }), app("b", { domains: ["*.x.com"] })], /"\*\.x\.com" is claimed by both app "a" and app "b"/],
    ["an invalid domain", [app("a", { domains: ["bad domain"] })], /app "a": "bad domain" is not a valid hostname/],
    ["a wildcard in the middle", [app("a", { domains: ["x.*.com"] })], /app "a": "x\.\*\.com"/],
    ["an invalid app name", [app("Bad_Name")], /app "Bad_Name": "Bad_Name\.localhost"/],
    ["a duplicate app", [app("a"), app("a")], /app "a" is listed twice/],
    ["a backend port out of range", [app("a", { backends: [{ ...web1, port: 0 }] })], /app "a": backend web\.1 has port 0/],
    ["a backend without instance", [app("a", { backends: [{ ...web1, instance: "" }] })], /backend 10\.0\.0\.1:5001 has no instance name/],
  ])("rejects %s", (_what, apps, message) => {
    expect(() => compileRouteTable({ baseDomain: "localhost", apps })).toThrow(message);
  });

  it("rejects a base domain that is not a DNS name", () => {
    expect(() => compileRouteTable({ baseDomain: "*.x", apps: [] })).toThrow(/base domain "\*\.x"/);
  });
});

describe("route table hash", () => {
  const apps = [
    app("shop", { domains: ["www.shop.example", "*.shop.example"], backends: [web1, web2] }),
    app("blog", { maintenance: true, backends: [web2] }),
  ];
  const base = compileRouteTable({ baseDomain: "localhost", apps });

  it("is sha256 hex", () => {
    expect(base.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    ["apps reversed", [...apps].reverse()],
    ["domains reversed and upper case", [{ ...apps[0]!, domains: ["*.SHOP.example", "www.shop.example."] }, apps[1]!]],
    ["backends reversed", [{ ...apps[0]!, backends: [web2, web1] }, apps[1]!]],
  ])("is the same when the input differs only in order or case: %s", (_what, variant) => {
    expect(compileRouteTable({ baseDomain: "localhost", apps: variant }).hash).toBe(base.hash);
  });

  it.each([
    ["maintenance flipped", [apps[0]!, { ...apps[1]!, maintenance: false }]],
    ["a backend port changed", [{ ...apps[0]!, backends: [web1, { ...web2, port: 6000 }] }, apps[1]!]],
    ["a backend instance renamed", [{ ...apps[0]!, backends: [web1, { ...web2, instance: "web.3" }] }, apps[1]!]],
    ["a domain removed", [{ ...apps[0]!, domains: ["www.shop.example"] }, apps[1]!]],
    ["an app renamed", [apps[0]!, { ...apps[1]!, name: "blog2" }]],
  ])("changes when the routes change: %s", (_what, variant) => {
    expect(compileRouteTable({ baseDomain: "localhost", apps: variant }).hash).not.toBe(base.hash);
  });
});

describe("httpsRedirect", () => {
  it("is carried only when set, and changes the hash", () => {
    const apps = (httpsRedirect?: boolean) => [{ name: "a", httpsRedirect, domains: [], backends: [] }];
    const off = compileRouteTable({ baseDomain: "localhost", apps: apps() });
    const on = compileRouteTable({ baseDomain: "localhost", apps: apps(true) });
    expect(off.routes["a.localhost"]).not.toHaveProperty("httpsRedirect");
    expect(on.routes["a.localhost"]!.httpsRedirect).toBe(true);
    expect(on.hash).not.toBe(off.hash);
    expect(parseVersionedRouteTable({ version: 1, ...on }, "test").routes["a.localhost"]!.httpsRedirect).toBe(true);
  });
});
