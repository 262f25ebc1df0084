import { findSize } from "@pier/placement-core";
import { describe, expect, it } from "vitest";
import { runContainerSpec, type RunSpecInput } from "./run-container-spec.js";

const input = (attach: boolean): RunSpecInput => ({
  name: "pier-shop-run-abc-0",
  image: "pier/app-shop:b-1",
  argv: ["python", "-c", "print('hi; rm -rf /')"],
  env: { DATABASE_URL: "postgres://x", DYNO: "run.1" },
  size: findSize("basic")!,
  attach,
  labels: { app: "shop", appId: "a1", release: 3, instanceId: "i1", installationId: "inst" },
});

describe("runContainerSpec", () => {
  it("joins the app's network when it has one (add-ons)", () => {
    expect(runContainerSpec({ ...input(false), networkMode: "pier-app-a1" }).HostConfig?.NetworkMode).toBe("pier-app-a1");
  });

  it.each([
    ["a terminal: Tty with stdin open", true, { Tty: true, OpenStdin: true, AttachStdin: true, StdinOnce: true }],
    ["no terminal asked: pipes", false, { Tty: false, OpenStdin: true, AttachStdin: true, StdinOnce: true }],
  ])("%s", (_name, tty, fields) => {
    expect(runContainerSpec({ ...input(true), tty })).toMatchObject(fields);
  });

  it.each([
    ["attached: stdin open until the client's input ends", true],
    ["detached: nothing attached", false],
  ])("%s", (_name, attach) => {
    expect(runContainerSpec(input(attach))).toEqual({
      name: "pier-shop-run-abc-0",
      Image: "pier/app-shop:b-1",
      // argv as typed: the `;` is an argument, not a shell separator.
      Cmd: ["python", "-c", "print('hi; rm -rf /')"],
      User: "10001:10001",
      Env: ["HOME=/tmp", "DATABASE_URL=postgres://x", "DYNO=run.1"],
      Labels: {
        "pier.app": "shop",
        "pier.app-id": "a1",
        "pier.release": "3",
        "pier.process-type": "run",
        "pier.instance": "i1",
        "pier.role": "instance",
        "pier.installation": "inst",
      },
      Tty: false,
      AttachStdin: attach,
      AttachStdout: attach,
      AttachStderr: attach,
      OpenStdin: attach,
      StdinOnce: attach,
      HostConfig: {
        Init: true,
        RestartPolicy: { Name: "no" },
        CapDrop: ["ALL"],
        SecurityOpt: ["no-new-privileges"],
        Memory: 512 * 1024 * 1024,
        MemorySwap: 512 * 1024 * 1024,
        NanoCpus: 500_000_000,
        PidsLimit: 256,
      },
    });
  });
});
