import { describe, expect, it } from "vitest";
import { dockerConnectionOptions } from "./connect.js";

describe("dockerConnectionOptions", () => {
  it.each([
    ["unix:///var/run/docker.sock", { socketPath: "/var/run/docker.sock" }],
    ["/run/user/1000/docker.sock", { socketPath: "/run/user/1000/docker.sock" }],
    ["tcp://10.0.0.2:2375", { protocol: "http", host: "10.0.0.2", port: 2375 }],
    ["http://docker-host", { protocol: "http", host: "docker-host", port: 2375 }],
    ["https://docker-host:3376", { protocol: "https", host: "docker-host", port: 3376 }],
  ])("%s", (input, expected) => expect(dockerConnectionOptions(input)).toEqual(expected));

  it.each(["docker.sock", "ftp://x"])("rejects %s", (input) => {
    expect(() => dockerConnectionOptions(input)).toThrow(/socket path or a unix:\/\//);
  });
});
