import { describe, expect, it } from "vitest";
import { splitImageTag } from "./commit.js";

describe("splitImageTag", () => {
  it.each([
    ["pier/hello:b-1", { repo: "pier/hello", tag: "b-1" }],
    ["pier/hello", { repo: "pier/hello", tag: "latest" }],
    ["localhost:5000/pier/hello:v2", { repo: "localhost:5000/pier/hello", tag: "v2" }],
    ["localhost:5000/pier/hello", { repo: "localhost:5000/pier/hello", tag: "latest" }],
  ])("%s", (input, expected) => expect(splitImageTag(input)).toEqual(expected));
});
