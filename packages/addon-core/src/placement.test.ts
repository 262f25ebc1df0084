import { describe, expect, it } from "vitest";
import { ADDON_PORT_BASE, addonUrlForHost, firstFreePort, publishAddress, type AddonPlacement } from "./placement.js";

const pg: AddonPlacement = { kind: "postgres", alias: "postgres-amber-12345", hostId: "local", hostAddress: "10.0.0.5", publishedPort: 20001 };
const redis: AddonPlacement = { ...pg, kind: "redis", alias: "redis-sky-1" };
const PG_URL = "postgres://u1:p%40ss@postgres-amber-12345:5432/d1";

describe("addonUrlForHost", () => {
  it.each([
    ["on the add-on's own host: unchanged", PG_URL, pg, "local", PG_URL],
    ["on another host: the add-on host's address and published port", PG_URL, pg, "b", "postgres://u1:p%40ss@10.0.0.5:20001/d1"],
    ["redis, no path", "redis://default:pw@redis-sky-1:6379", redis, "b", "redis://default:pw@10.0.0.5:20001"],
    ["mysql", "mysql://u:pw@m-1:3306/d", { ...pg, kind: "mysql", alias: "m-1" }, "b", "mysql://u:pw@10.0.0.5:20001/d"],
    ["IPv6 host address", PG_URL, { ...pg, hostAddress: "fd00::5" }, "b", "postgres://u1:p%40ss@[fd00::5]:20001/d1"],
    ["not published (single-host install): unchanged", PG_URL, { ...pg, publishedPort: null }, "b", PG_URL],
    ["add-on's host unknown: unchanged", PG_URL, { ...pg, hostId: null }, "b", PG_URL],
    ["a URL naming another server (set by hand): unchanged", "postgres://u:p@db.example.com:5432/x", pg, "b", "postgres://u:p@db.example.com:5432/x"],
    ["the alias on another port: unchanged", "postgres://u:p@postgres-amber-12345:6000/x", pg, "b", "postgres://u:p@postgres-amber-12345:6000/x"],
    ["no URL at all: unchanged", "not a url", pg, "b", "not a url"],
  ] as const)("%s", (_, url, placement, host, want) => expect(addonUrlForHost(url, placement, host)).toBe(want));
});

describe("publishAddress", () => {
  it.each([
    ["10.231.46.1", "10.231.46.1"],
    ["192.168.1.20", "192.168.1.20"],
    ["127.0.0.1", undefined],
    ["127.0.1.1", undefined],
    ["::1", undefined],
    ["localhost", undefined],
    [undefined, undefined],
  ])("%s -> %s", (address, want) => expect(publishAddress(address)).toBe(want));
});

describe("firstFreePort", () => {
  it.each([
    ["none taken", [], ADDON_PORT_BASE],
    ["the base taken", [ADDON_PORT_BASE], ADDON_PORT_BASE + 1],
    ["a gap left by a destroyed add-on is used again", [ADDON_PORT_BASE, ADDON_PORT_BASE + 2], ADDON_PORT_BASE + 1],
    ["ports below the base do not matter", [80, 5432], ADDON_PORT_BASE],
  ])("%s", (_, taken, want) => expect(firstFreePort(new Set(taken))).toBe(want));
});
