import { describe, expect, it } from "vitest";
import { buildCertIndex, selectCert } from "./cert-index.js";

const index = buildCertIndex([
  { hostnames: ["shop.example.com"], value: "exact" },
  { hostnames: ["*.example.com", "example.com"], value: "wild" },
  { hostnames: ["Other.Test"], value: "other" },
]);

describe("selectCert", () => {
  it.each([
    ["shop.example.com", "exact"],
    ["SHOP.example.com.", "exact"],
    ["blog.example.com", "wild"],
    ["example.com", "wild"],
    ["a.b.example.com", undefined],
    ["other.test", "other"],
    ["nope.test", undefined],
    ["", undefined],
    [undefined, undefined],
  ])("%s -> %s", (name, expected) => {
    expect(selectCert(index, name)).toBe(expected);
  });
});
