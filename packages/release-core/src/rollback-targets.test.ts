import { describe, expect, it } from "vitest";
import { keptReleaseImages, rollbackRefusal, type ReleaseImage } from "./rollback-targets.js";

const r = (version: number, imageTag: string | null, status = "succeeded"): ReleaseImage => ({ version, imageTag, status });

describe("keptReleaseImages", () => {
  it.each([
    { name: "no releases", releases: [], keep: 5, want: [] },
    { name: "fewer than kept", releases: [r(1, "a"), r(2, "b")], keep: 5, want: ["a", "b"] },
    { name: "newest first, beyond keep dropped", releases: [r(1, "a"), r(2, "b"), r(3, "c")], keep: 2, want: ["b", "c"] },
    { name: "repeated image counts once (rollback, config change)", releases: [r(1, "a"), r(2, "b"), r(3, "b"), r(4, "b")], keep: 2, want: ["a", "b"] },
    { name: "releases without image skipped", releases: [r(1, "a"), r(2, null), r(3, "c")], keep: 2, want: ["a", "c"] },
    { name: "order of input does not matter", releases: [r(3, "c"), r(1, "a"), r(2, "b")], keep: 1, want: ["c"] },
    { name: "failed releases' images count: the cleanup keeps them too", releases: [r(1, "a"), r(2, "b", "failed")], keep: 1, want: ["b"] },
  ])("$name", ({ releases, keep, want }) => {
    expect([...keptReleaseImages(releases, keep)].sort()).toEqual(want);
  });
});

describe("rollbackRefusal", () => {
  const kept = new Set(["b", "c"]);
  it.each([
    { name: "kept image, deployed", target: r(3, "c"), want: null },
    { name: "no image", target: r(1, null), want: /v1 has no image/ },
    { name: "failed release", target: r(2, "b", "failed"), want: /v2 never deployed \(its status is failed\)/ },
    { name: "pruned image", target: r(1, "a"), want: /v1's image is no longer kept: .*last 5 releases.*Push that code again/ },
  ])("$name", ({ target, want }) => {
    const refusal = rollbackRefusal(target, kept);
    if (want === null) expect(refusal).toBeNull();
    else expect(refusal).toMatch(want);
  });
});
