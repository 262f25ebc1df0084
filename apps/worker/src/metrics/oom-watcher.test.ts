import { describe, expect, it } from "vitest";
import { oomEventContainer } from "./oom-watcher.js";

describe("oomEventContainer", () => {
  it.each([
    [JSON.stringify({ status: "oom", id: "abc", Type: "container", Action: "oom", Actor: { ID: "abc", Attributes: { "pier.app": "shop" } } }), "abc"],
    [JSON.stringify({ status: "oom", id: "old-engine" }), "old-engine"],
    [JSON.stringify({ Type: "container", Action: "die", Actor: { ID: "abc" } }), undefined],
    ["", undefined],
    ["  ", undefined],
  ])("%s -> %s", (line, id) => expect(oomEventContainer(line)).toBe(id));
});
