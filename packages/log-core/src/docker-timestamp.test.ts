import { describe, expect, it } from "vitest";
import { dockerSinceParam, dockerTimestampIso, dockerTimestampMs, normalizeDockerTimestamp } from "./docker-timestamp.js";

describe("docker timestamps", () => {
  it.each([
    ["2026-01-01T12:00:00.123456789Z", "2026-01-01T12:00:00.123456789Z"],
    ["2026-01-01T12:00:00.1Z", "2026-01-01T12:00:00.100000000Z"],
    ["2026-01-01T12:00:00Z", "2026-01-01T12:00:00.000000000Z"],
    ["2026-01-01T12:00:00.1+01:00", undefined],
    ["junk", undefined],
  ])("normalizes %s", (raw, out) => expect(normalizeDockerTimestamp(raw)).toBe(out));

  it("orders normalized timestamps as strings", () => {
    const a = normalizeDockerTimestamp("2026-01-01T12:00:00.9Z")!;
    const b = normalizeDockerTimestamp("2026-01-01T12:00:00.10000001Z")!;
    expect(b < a).toBe(true);
  });

  it("converts to milliseconds and to Docker's since", () => {
    const ts = "2026-01-01T12:00:00.123456789Z";
    expect(dockerTimestampMs(ts)).toBe(Date.parse("2026-01-01T12:00:00.123Z"));
    expect(dockerTimestampIso(ts)).toBe(new Date(dockerTimestampMs(ts)).toISOString());
    expect(dockerSinceParam(ts)).toBe(`${Date.parse("2026-01-01T12:00:00Z") / 1000}.123456789`);
  });
});
