import { describe, expect, it } from "vitest";
import { listedHostPort, publishedHostPort } from "./ports.js";

describe("publishedHostPort", () => {
  it.each([
    ["loopback binding", { "5000/tcp": [{ HostIp: "127.0.0.1", HostPort: "49153" }] }, 5000, 49153],
    ["prefers loopback", { "5000/tcp": [{ HostIp: "0.0.0.0", HostPort: "1" }, { HostIp: "127.0.0.1", HostPort: "2" }] }, 5000, 2],
    ["other port only", { "8080/tcp": [{ HostIp: "127.0.0.1", HostPort: "49153" }] }, 5000, undefined],
    ["exposed but not bound (null)", { "5000/tcp": null }, 5000, undefined],
    ["no ports", undefined, 5000, undefined],
  ])("%s", (_n, ports, port, expected) => {
    expect(publishedHostPort(ports as never, port)).toBe(expected);
  });
});

describe("listedHostPort", () => {
  it.each([
    ["published", [{ IP: "127.0.0.1", PrivatePort: 5000, PublicPort: 49160, Type: "tcp" }], 49160],
    ["exposed only", [{ PrivatePort: 5000, Type: "tcp" }], undefined],
    ["none", [], undefined],
  ])("%s", (_n, ports, expected) => expect(listedHostPort(ports as never)).toBe(expected));
});
