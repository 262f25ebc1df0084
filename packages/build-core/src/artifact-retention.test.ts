import { describe, expect, it } from "vitest";
import { planArtifactRetention, type BuiltImage, type RetentionInput } from "./artifact-retention.js";

const HOUR = 3_600_000;
const now = 100 * HOUR;
const img = (tag: string, appId: string, ageMs = 2 * HOUR): BuiltImage => ({ tag, appId, createdAt: now - ageMs });
const input = (over: Partial<RetentionInput>): RetentionInput => ({
  now,
  images: [],
  volumes: [],
  apps: new Map([["shop", new Set(["pier/app-shop:b-5", "pier/app-shop:b-4"])]]),
  minAgeMs: HOUR,
  ...over,
});

describe("planArtifactRetention", () => {
  it.each<[string, Partial<RetentionInput>, string[], string[]]>([
    ["a destroyed app's images (layers too) and cache volume go", {
      images: [img("pier/app-gone:b-1", "gone"), img("pier/app-gone:deps-abc", "gone"), img("pier/app-gone:b-2", "gone", 1000)],
      volumes: [{ name: "pier-build-cache-gone", appId: "gone" }, { name: "pier-build-cache-shop", appId: "shop" }],
    }, ["pier/app-gone:b-1", "pier/app-gone:b-2", "pier/app-gone:deps-abc"], ["pier-build-cache-gone"]],
    ["images an app still needs stay; older ones go", {
      images: [img("pier/app-shop:b-5", "shop"), img("pier/app-shop:b-4", "shop"), img("pier/app-shop:b-3", "shop"), img("pier/app-shop:b-1", "shop")],
    }, ["pier/app-shop:b-1", "pier/app-shop:b-3"], []],
    ["an existing app's dependency layer stays", { images: [img("pier/app-shop:deps-abc", "shop")] }, [], []],
    ["a fresh image (its release not recorded yet) stays", { images: [img("pier/app-shop:b-6", "shop", HOUR / 2)] }, [], []],
    ["nothing to do", {}, [], []],
  ])("%s", (_name, over, images, volumes) => {
    expect(planArtifactRetention(input(over))).toEqual({ removeImages: images, removeVolumes: volumes });
  });
});
