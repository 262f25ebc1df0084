import { describe, expect, it } from "vitest";
import { requestIdFrom } from "./request-id.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("requestIdFrom", () => {
  it.each([
    ["a".repeat(20)],
    ["A1+/=-".repeat(10)],
    ["x".repeat(200)],
  ])("keeps the sane id %j", (id) => {
    expect(requestIdFrom(id)).toBe(id);
  });

  it.each([
    [undefined],
    ["short"],
    ["x".repeat(201)],
    ["has spaces in it but long enough"],
    ["<script>alert(1)</script>xxxxxx"],
    [["a".repeat(20), "b".repeat(20)]],
  ])("replaces %j with a new uuid", (id) => {
    const got = requestIdFrom(id);
    expect(got).toMatch(UUID);
    expect(requestIdFrom(id)).not.toBe(got);
  });
});
