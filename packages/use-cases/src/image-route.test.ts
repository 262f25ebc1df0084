import { describe, expect, it } from "vitest";
import { imageRoute, registryRef } from "./image-route.js";

const registry = { push: "127.0.0.1:5000", pull: "10.231.41.1:5000" };
const tag = "pier/app-shop:b-1a2b";

describe("imageRoute", () => {
  it.each([
    ["the building engine itself", { sameEngine: true, targetHasImage: false, registry }, { kind: "present" }],
    ["an engine that has the image", { sameEngine: false, targetHasImage: true, registry }, { kind: "present" }],
    ["the building engine, no registry", { sameEngine: true, targetHasImage: false }, { kind: "present" }],
    ["another engine, no registry", { sameEngine: false, targetHasImage: false }, { kind: "stream" }],
    [
      "another engine, a registry",
      { sameEngine: false, targetHasImage: false, registry },
      { kind: "registry", pushRef: "127.0.0.1:5000/pier/app-shop:b-1a2b", pullRef: "10.231.41.1:5000/pier/app-shop:b-1a2b" },
    ],
  ])("%s", (_, params, expected) => {
    expect(imageRoute({ imageTag: tag, ...params })).toEqual(expected);
  });
});

describe("registryRef", () => {
  it.each([
    ["pier/app-shop:b-1a2b", "10.0.0.1:5000/pier/app-shop:b-1a2b"],
    ["pier/app-shop", "10.0.0.1:5000/pier/app-shop:latest"],
    ["busybox:1.36", "10.0.0.1:5000/busybox:1.36"],
    ["old.registry:5000/pier/app-shop:v2", "10.0.0.1:5000/pier/app-shop:v2"],
    ["localhost/pier/app-shop:v2", "10.0.0.1:5000/pier/app-shop:v2"],
  ])("%s -> %s", (imageTag, expected) => {
    expect(registryRef("10.0.0.1:5000", imageTag)).toBe(expected);
  });
});
