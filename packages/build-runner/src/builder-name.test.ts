import { describe, expect, it } from "vitest";
import { builderContainerName } from "./builder-name.js";

describe("builderContainerName", () => {
  it.each([
    ["pier/hello:b-1", "pier-build-hello-b-1-x1"],
    ["registry.local:5000/team/app:v2", "pier-build-registry.local-5000-team-app-v2-x1"],
    ["/weird//name:", "pier-build-weird-name-x1"],
  ])("%s", (tag, name) => expect(builderContainerName(tag, "x1")).toBe(name));
});
