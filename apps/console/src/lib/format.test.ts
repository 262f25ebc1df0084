import { describe, expect, it } from "vitest";
import { duration, timeAgo } from "./format.js";

const now = Date.parse("2026-03-10T12:00:00Z");

describe("timeAgo", () => {
  it.each([
    [null, "never"],
    ["garbage", "unknown"],
    ["2026-03-10T11:59:55Z", "just now"],
    ["2026-03-10T11:59:30Z", "30 seconds ago"],
    ["2026-03-10T11:59:00Z", "1 minute ago"],
    ["2026-03-10T11:15:00Z", "45 minutes ago"],
    ["2026-03-10T10:00:00Z", "2 hours ago"],
    ["2026-03-09T12:00:00Z", "1 day ago"],
    ["2026-03-03T12:00:00Z", "7 days ago"],
    ["2026-02-01T12:00:00Z", "2026-02-01"],
  ])("%s -> %s", (iso, text) => {
    expect(timeAgo(iso, now)).toBe(text);
  });
});

describe("duration", () => {
  it.each([
    ["2026-03-10T12:00:00Z", "2026-03-10T12:00:07Z", "7s"],
    ["2026-03-10T12:00:00Z", "2026-03-10T12:01:05Z", "1m 05s"],
    ["2026-03-10T12:00:05Z", "2026-03-10T12:00:00Z", "0s"],
  ])("%s..%s -> %s", (a, b, text) => {
    expect(duration(a, b)).toBe(text);
  });
});
