import { describe, expect, it } from "vitest";
import { DEFAULT_LOG_RETENTION, logRetentionFromEnv, retentionPlan } from "./retention.js";

describe("logRetentionFromEnv", () => {
  it.each([
    [{}, DEFAULT_LOG_RETENTION],
    [{ PIER_LOG_MAX_LINES: "500" }, { ...DEFAULT_LOG_RETENTION, maxLines: 500 }],
    [{ PIER_LOG_MAX_AGE: "2d" }, { ...DEFAULT_LOG_RETENTION, maxAgeMs: 2 * 86_400_000 }],
    [{ PIER_LOG_MAX_AGE: "90m" }, { ...DEFAULT_LOG_RETENTION, maxAgeMs: 90 * 60_000 }],
    [{ PIER_LOG_MAX_AGE: "3600" }, { ...DEFAULT_LOG_RETENTION, maxAgeMs: 3600_000 }],
    [{ PIER_LOG_READER_BUFFER_LINES: "0" }, { ...DEFAULT_LOG_RETENTION, readerBufferLines: 0 }],
  ])("%j", (env, r) => expect(logRetentionFromEnv(env)).toEqual(r));

  it.each([{ PIER_LOG_MAX_LINES: "0" }, { PIER_LOG_MAX_LINES: "ten" }, { PIER_LOG_MAX_AGE: "1w" }, { PIER_LOG_MAX_AGE: "0" }, { PIER_LOG_READER_BUFFER_LINES: "-1" }])("rejects %j", (env) => {
    expect(() => logRetentionFromEnv(env)).toThrow(/PIER_LOG_/);
  });
});

describe("retentionPlan", () => {
  it("keeps maxLines and entries newer than maxAge", () => {
    expect(retentionPlan({ maxLines: 100, maxAgeMs: 60_000 }, 1_000_000)).toEqual({ maxLen: 100, minId: "940000-0", ttlSeconds: 60 });
    expect(retentionPlan({ maxLines: 1, maxAgeMs: 5000 }, 1000).minId).toBe("0-0");
  });
});
