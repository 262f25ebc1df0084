import { describe, expect, it } from "vitest";
import { diedInstance } from "./reconcile-loop.js";

const event = (action: string, attributes: Record<string, string>) => JSON.stringify({ Type: "container", Action: action, Actor: { ID: "c1", Attributes: attributes } });

describe("diedInstance", () => {
  it.each<[string, string, ReturnType<typeof diedInstance>]>([
    ["an instance's container died", event("die", { "pier.instance": "i1", exitCode: "137" }), { instanceId: "i1", containerId: "c1" }],
    ["it started", event("start", { "pier.instance": "i1" }), undefined],
    ["a container without the instance label", event("die", { "pier.role": "build" }), undefined],
    ["an empty line", "", undefined],
    ["not JSON", "{oops", undefined],
  ])("%s", (_name, line, expected) => {
    expect(diedInstance(line)).toEqual(expected);
  });
});
