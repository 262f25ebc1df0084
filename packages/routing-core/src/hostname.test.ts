import { describe, expect, it } from "vitest";
import { hostFromHeader, isValidRouteHostname, normalizeHostname } from "./hostname.js";

describe("hostFromHeader", () => {
  it.each([
    [undefined, undefined],
    ["", undefined],
    ["hello.localhost", "hello.localhost"],
    ["Hello.LocalHost", "hello.localhost"],
    ["hello.localhost:8080", "hello.localhost"],
    ["hello.localhost.", "hello.localhost"],
    ["hello.localhost.:80", "hello.localhost"],
    ["127.0.0.1:80", "127.0.0.1"],
    ["[::1]:80", "[::1]"],
    ["[::1]", "[::1]"],
    ["[::1", undefined],
    [":80", undefined],
    [".", undefined],
  ])("%j -> %j", (header, expected) => {
    expect(hostFromHeader(header)).toBe(expected);
  });
});

describe("normalizeHostname", () => {
  it.each([
    ["Shop.Example.COM.", "shop.example.com"],
    [" shop.example.com ", "shop.example.com"],
    ["*.Example.com", "*.example.com"],
  ])("%j -> %j", (raw, expected) => {
    expect(normalizeHostname(raw)).toBe(expected);
  });
});

describe("isValidRouteHostname", () => {
  it.each([
    ["shop.example.com", true],
    ["localhost", true],
    ["a-b.c", true],
    ["*.example.com", true],
    ["*.*.example.com", false],
    ["a.*.example.com", false],
    ["-a.example.com", false],
    ["a..b", false],
    ["under_score.example.com", false],
    ["Upper.example.com", false],
    ["", false],
    [`${"a".repeat(64)}.com`, false],
    ["*", false],
  ])("%j -> %j", (name, expected) => {
    expect(isValidRouteHostname(name)).toBe(expected);
  });
});
