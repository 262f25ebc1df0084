import { describe, expect, it } from "vitest";
import { matchRoute, pathOf, type Route } from "./routes.js";

describe("matchRoute", () => {
  it.each<[string, Route]>([
    ["/", { page: "apps" }],
    ["/console", { page: "apps" }],
    ["/console/", { page: "apps" }],
    ["/console/apps", { page: "apps" }],
    ["/console/sign-in", { page: "sign-in" }],
    ["/console/new", { page: "new-app" }],
    ["/console/account", { page: "account" }],
    ["/console/admin", { page: "admin" }],
    ["/console/apps/shop", { page: "app", app: "shop", tab: "overview" }],
    ["/console/apps/shop/", { page: "app", app: "shop", tab: "overview" }],
    ["/console/apps/shop/logs", { page: "app", app: "shop", tab: "logs" }],
    ["/console/apps/shop/access", { page: "app", app: "shop", tab: "access" }],
    ["/console/apps/shop/builds/b1", { page: "build", app: "shop", build: "b1" }],
    ["/console/apps/shop/nope", { page: "not-found", path: "/console/apps/shop/nope" }],
    ["/console/apps/shop/logs/x", { page: "not-found", path: "/console/apps/shop/logs/x" }],
    ["/apps/shop", { page: "not-found", path: "/apps/shop" }],
    ["/console/apps/%E0%A4%A", { page: "app", app: "%E0%A4%A", tab: "overview" }],
  ])("%s", (path, route) => {
    expect(matchRoute(path)).toEqual(route);
  });

  it.each<Exclude<Route, { page: "not-found" }>>([
    { page: "apps" },
    { page: "sign-in" },
    { page: "new-app" },
    { page: "account" },
    { page: "admin" },
    { page: "app", app: "shop", tab: "overview" },
    { page: "app", app: "shop", tab: "scaling" },
    { page: "build", app: "shop", build: "a/b" },
  ])("pathOf is its inverse for %j", (route) => {
    expect(matchRoute(pathOf(route))).toEqual(route);
  });
});
