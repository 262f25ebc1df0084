import { describe, expect, it } from "vitest";
import { builderContainerSpec, type BuilderSpecInput } from "./builder.js";

const base: BuilderSpecInput = {
  name: "pier-build-shop-x1",
  image: "pier/stack-python:3.11",
  labels: { "pier.app": "shop" },
  memoryBytes: 2 * 1024 ** 3,
  mounts: [
    { hostPath: "/opt/pypi", containerPath: "/opt/pypi", readOnly: true },
    { hostPath: "/etc/ssl/certs/ca-certificates.crt", containerPath: "/etc/ssl/certs/ca-certificates.crt", readOnly: true },
  ],
};

const common = {
  name: "pier-build-shop-x1",
  Image: "pier/stack-python:3.11",
  Cmd: ["sleep", "infinity"],
  WorkingDir: "/app",
  Labels: { "pier.app": "shop", "pier.role": "build" },
};

describe("builderContainerSpec", () => {
  const cases: [string, BuilderSpecInput, unknown][] = [
    [
      "bind mounts and an anonymous cache volume",
      base,
      {
        ...common,
        HostConfig: {
          Init: true,
          Memory: 2147483648,
          MemorySwap: 2147483648,
          Mounts: [
            { Type: "bind", Source: "/opt/pypi", Target: "/opt/pypi", ReadOnly: true },
            { Type: "bind", Source: "/etc/ssl/certs/ca-certificates.crt", Target: "/etc/ssl/certs/ca-certificates.crt", ReadOnly: true },
            { Type: "volume", Source: "", Target: "/cache" },
          ],
        },
      },
    ],
    [
      "named cache volume",
      { ...base, mounts: [], cacheVolume: "pier-cache-shop" },
      {
        ...common,
        HostConfig: {
          Init: true,
          Memory: 2147483648,
          MemorySwap: 2147483648,
          Mounts: [{ Type: "volume", Source: "pier-cache-shop", Target: "/cache" }],
        },
      },
    ],
  ];
  it.each(cases)("%s", (_n, input, expected) => expect(builderContainerSpec(input)).toEqual(expected));
});
