import { describe, expect, it } from "vitest";
import { compileRouteTable } from "./compile-route-table.js";
import { parseVersionedRouteTable, serializeVersionedRouteTable } from "./parse-route-table.js";

const table = compileRouteTable({
  baseDomain: "localhost",
  apps: [{ name: "shop", domains: ["*.shop.example"], backends: [{ host: "127.0.0.1", port: 5000, instance: "web.1" }] }],
});
const good = { version: 7, ...table };

describe("parseVersionedRouteTable", () => {
  it("round-trips a serialized table", () => {
    const text = serializeVersionedRouteTable(good);
    expect(text.startsWith(`{"version":7,"hash":"${table.hash}","routes":`)).toBe(true);
    expect(parseVersionedRouteTable(JSON.parse(text), "test")).toEqual(good);
  });

  const route = table.routes["shop.localhost"]!;
  it.each([
    ["not an object", [], /test: route table is not a JSON object/],
    ["version 0", { ...good, version: 0 }, /version must be a positive whole number/],
    ["version as text", { ...good, version: "7" }, /version must be/],
    ["a short hash", { ...good, hash: "abc" }, /hash must be 64 lowercase hex digits/],
    ["a hash of other routes", { ...good, hash: "0".repeat(64) }, /does not match its routes/],
    ["routes as an array", { ...good, routes: [] }, /routes must be an object/],
    ["an upper-case hostname", { ...good, routes: { "Shop.localhost": route } }, /"Shop\.localhost" is not a lowercase hostname/],
    ["a route without app", { ...good, routes: { "a.b": { ...route, app: "" } } }, /routes\["a\.b"\]\.app/],
    ["a backend with a text port", { ...good, routes: { "a.b": { ...route, backends: [{ host: "h", port: "80", instance: "web.1" }] } } }, /backends\[0\]\.port must be a port number/],
    ["maintenance missing", { ...good, routes: { "a.b": { app: "a", backends: [] } } }, /maintenance must be a boolean/],
  ])("refuses %s", (_what, value, message) => {
    expect(() => parseVersionedRouteTable(value, "test")).toThrow(message);
  });
});
