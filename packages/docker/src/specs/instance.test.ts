import { describe, expect, it } from "vitest";
import { instanceContainerSpec, type InstanceSpecInput } from "./instance.js";

const base: InstanceSpecInput = {
  name: "pier-shop-web-1",
  image: "pier/shop:b-1",
  cmd: ["/app/.venv/bin/gunicorn", "app:app"],
  env: { SECRET_KEY: "s3cret; rm -rf /", PORT: "80" },
  labels: { "pier.app": "shop", "pier.role": "build" },
  port: 5000,
};

const hardening = { RestartPolicy: { Name: "no" }, CapDrop: ["ALL"], SecurityOpt: ["no-new-privileges"] };

describe("instanceContainerSpec", () => {
  const cases: [string, InstanceSpecInput, unknown][] = [
    [
      "publishes PORT on loopback, PORT wins over config, role forced to instance, not root",
      base,
      {
        name: "pier-shop-web-1",
        Image: "pier/shop:b-1",
        Cmd: ["/app/.venv/bin/gunicorn", "app:app"],
        User: "10001:10001",
        Env: ["HOME=/tmp", "SECRET_KEY=s3cret; rm -rf /", "PORT=5000"],
        Labels: { "pier.app": "shop", "pier.role": "instance" },
        ExposedPorts: { "5000/tcp": {} },
        HostConfig: { Init: true, PortBindings: { "5000/tcp": [{ HostIp: "127.0.0.1", HostPort: "" }] }, ...hardening },
      },
    ],
    [
      "size limits (memory without swap, CPU, pids), published on another host's address, HOME from config",
      {
        ...base,
        env: { HOME: "/home/app" },
        labels: {},
        port: 8080,
        publishIp: "10.77.0.2",
        limits: { memoryBytes: 512 * 1024 * 1024, nanoCpus: 500_000_000, pids: 256 },
      },
      {
        name: "pier-shop-web-1",
        Image: "pier/shop:b-1",
        Cmd: ["/app/.venv/bin/gunicorn", "app:app"],
        User: "10001:10001",
        Env: ["HOME=/home/app", "PORT=8080"],
        Labels: { "pier.role": "instance" },
        ExposedPorts: { "8080/tcp": {} },
        HostConfig: {
          Init: true,
          PortBindings: { "8080/tcp": [{ HostIp: "10.77.0.2", HostPort: "" }] },
          ...hardening,
          Memory: 536870912,
          MemorySwap: 536870912,
          NanoCpus: 500_000_000,
          PidsLimit: 256,
        },
      },
    ],
  ];
  it.each(cases)("%s", (_n, input, expected) => expect(instanceContainerSpec(input)).toEqual(expected));
});
