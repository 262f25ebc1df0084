import { describe, expect, it } from "vitest";
import { DEFAULT_LOG_RETENTION, logRetentionFromEnv, retentionPlan } from "./retention.js";

describe("logRetentionFromEnv", () => {
  it.each([
    [{}, DEFAULT_LOG_RETENTION],
    [{ PIER_LOG_MAX_LINES: "500" }, { maxLines: 500, maxAgeMs: DEFAULT_LOG_RETENTION.maxAgeMs }],
    [{ PIER_LOG_MAX_AGE: "2d" }, { maxLines: 10_000, maxAgeMs: 2 * 86_400_000 }],
    [{ PIER_LOG_MAX_AGE: "90m" }, { maxLines: 10_000, maxAgeMs: 90 * 60_000 }],
    [{ PIER_LOG_MAX_AGE: "3600" }, { maxLines: 10_000, maxAgeMs: 3600_000 }],
  ])("%j", (env, r) => expect(logRetentionFromEnv(env)).toEqual(r));

  it.each([{ PIER_LOG_MAX_LINES: "0" }, { PIER_LOG_MAX_LINES: "ten" }, { PIER_LOG_MAX_AGE: "1w" }, { PIER_LOG_MAX_AGE: "0" }])("rejects %j", (env) => {
    expect(() => logRetentionFromEnv(env)).toThrow(/PIER_LOG_MAX_/);
  });
});

describe("retentionPlan", () => {
  it("keeps maxLines and entries newer than maxAge", () => {
    expect(retentionPlan({ maxLines: 100, maxAgeMs: 60_000 }, 1_000_000)).toEqual({ maxLen: 100, minId: "940000-0", ttlSeconds: 60 });
    expect(retentionPlan({ maxLines: 1, maxAgeMs: 5000 }, 1000).minId).toBe("0-0");
  });
});
