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

describe("instanceContainerSpec", () => {
  const cases: [string, InstanceSpecInput, unknown][] = [
    [
      "publishes PORT on loopback, PORT wins over config, role forced to instance",
      base,
      {
        name: "pier-shop-web-1",
        Image: "pier/shop:b-1",
        Cmd: ["/app/.venv/bin/gunicorn", "app:app"],
        Env: ["SECRET_KEY=s3cret; rm -rf /", "PORT=5000"],
        Labels: { "pier.app": "shop", "pier.role": "instance" },
        ExposedPorts: { "5000/tcp": {} },
        HostConfig: {
          Init: true,
          PortBindings: { "5000/tcp": [{ HostIp: "127.0.0.1", HostPort: "" }] },
          RestartPolicy: { Name: "no" },
        },
      },
    ],
    [
      "memory limit",
      { ...base, env: {}, labels: {}, port: 8080, memoryBytes: 512 * 1024 * 1024 },
      {
        name: "pier-shop-web-1",
        Image: "pier/shop:b-1",
        Cmd: ["/app/.venv/bin/gunicorn", "app:app"],
        Env: ["PORT=8080"],
        Labels: { "pier.role": "instance" },
        ExposedPorts: { "8080/tcp": {} },
        HostConfig: {
          Init: true,
          PortBindings: { "8080/tcp": [{ HostIp: "127.0.0.1", HostPort: "" }] },
          RestartPolicy: { Name: "no" },
          Memory: 536870912,
        },
      },
    ],
  ];
  it.each(cases)("%s", (_n, input, expected) => expect(instanceContainerSpec(input)).toEqual(expected));
});
