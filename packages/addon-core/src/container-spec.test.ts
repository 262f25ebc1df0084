import { describe, expect, it } from "vitest";
import { addonContainerSpec } from "./container-spec.js";
import { PLANS } from "./plans.js";

const input = {
  kind: "postgres" as const,
  plan: PLANS.small!,
  image: "pier/stack-data:bookworm",
  containerName: "pier-addon-postgres-amber-12345-abcd1234",
  volumeName: "pier-addon-postgres-amber-12345-abcd1234-data",
  networkName: "pier-app-1111",
  alias: "postgres-amber-12345",
  username: "u1",
  password: "secret",
  databaseName: "d1",
  labels: { "pier.role": "addon", "pier.installation": "abcd1234" },
};

describe("addonContainerSpec", () => {
  it("runs the kind's entrypoint on the app network with the volume, limits and no published port", () => {
    expect(addonContainerSpec(input)).toEqual({
      name: "pier-addon-postgres-amber-12345-abcd1234",
      Image: "pier/stack-data:bookworm",
      Cmd: ["pier-postgres-entrypoint"],
      User: "10002:10002",
      Env: [
        "PIER_ADDON_KIND=postgres", "PIER_ADDON_USER=u1", "PIER_ADDON_PASSWORD=secret", "PIER_ADDON_DATABASE=d1",
        "PIER_ADDON_MAX_CONNECTIONS=20", "PIER_ADDON_MEMORY_MB=256",
      ],
      Labels: { "pier.role": "addon", "pier.installation": "abcd1234" },
      StopSignal: "SIGINT",
      StopTimeout: 30,
      HostConfig: {
        Init: true,
        Mounts: [{ Type: "volume", Source: "pier-addon-postgres-amber-12345-abcd1234-data", Target: "/var/lib/pier-data" }],
        NetworkMode: "pier-app-1111",
        RestartPolicy: { Name: "unless-stopped" },
        Memory: 268435456,
        MemorySwap: 268435456,
        NanoCpus: 500_000_000,
        PidsLimit: 256,
        CapDrop: ["ALL"],
        SecurityOpt: ["no-new-privileges"],
        ShmSize: 67108864,
      },
      NetworkingConfig: { EndpointsConfig: { "pier-app-1111": { Aliases: ["postgres-amber-12345"] } } },
    });
  });

  it.each([
    ["redis", "pier-redis-entrypoint", "SIGTERM"],
    ["mysql", "pier-mysql-entrypoint", "SIGTERM"],
  ] as const)("%s uses %s", (kind, cmd, signal) => {
    const spec = addonContainerSpec({ ...input, kind, plan: PLANS.standard! });
    expect([spec.Cmd, spec.StopSignal, spec.HostConfig.Memory, spec.HostConfig.ShmSize]).toEqual([[cmd], signal, 1024 ** 3, 256 * 1024 * 1024]);
    expect(spec).not.toHaveProperty("ExposedPorts");
    expect(spec.HostConfig).not.toHaveProperty("PortBindings");
  });

  it("publishes the server's port on the given host address and port only", () => {
    const spec = addonContainerSpec({ ...input, kind: "redis", publish: { ip: "10.0.0.5", port: 20001 } });
    expect(spec.ExposedPorts).toEqual({ "6379/tcp": {} });
    expect(spec.HostConfig.PortBindings).toEqual({ "6379/tcp": [{ HostIp: "10.0.0.5", HostPort: "20001" }] });
    expect(spec.HostConfig.NetworkMode).toBe("pier-app-1111");
  });
});
