import { describe, expect, it } from "vitest";
import type { ContainerInfo } from "dockerode";
import { observedContainer, pierLabelFilters } from "./list.js";

describe("pierLabelFilters", () => {
  it.each([
    [undefined, ["pier.role"]],
    [{ "pier.app": "shop", "pier.role": "instance" }, ["pier.role", "pier.app=shop", "pier.role=instance"]],
  ])("%j", (filter, expected) => expect(pierLabelFilters(filter)).toEqual(expected));
});

describe("observedContainer", () => {
  const info = {
    Id: "abc",
    Names: ["/pier-shop-web-1"],
    State: "running",
    Labels: { "pier.app": "shop" },
    Ports: [{ IP: "127.0.0.1", PrivatePort: 5000, PublicPort: 49200, Type: "tcp" }],
  } as unknown as ContainerInfo;
  it.each([
    ["running instance", info, { id: "abc", name: "pier-shop-web-1", state: "running", labels: { "pier.app": "shop" }, hostPort: 49200 }],
    ["exited, no port", { ...info, State: "exited", Ports: [] }, { id: "abc", name: "pier-shop-web-1", state: "exited", labels: { "pier.app": "shop" } }],
  ])("%s", (_n, input, expected) => expect(observedContainer(input)).toEqual(expected));
});
