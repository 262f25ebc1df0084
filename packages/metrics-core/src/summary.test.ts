import { describe, expect, it } from "vitest";
import { compareDynoNames, parseSince, summarizeMetrics } from "./summary.js";

const step = (time: string, requests: number, p99?: number) => ({
  time,
  requests,
  rps: requests / 60,
  status: { "1xx": 0, "2xx": requests - 1, "3xx": 0, "4xx": 0, "5xx": 1 },
  ...(p99 === undefined ? {} : { p50_ms: 5, p95_ms: 20, p99_ms: p99 }),
});

describe("summarizeMetrics", () => {
  it("sums the window's steps, takes the worst percentiles, mean CPU and highest memory", () => {
    const s = summarizeMetrics(
      {
        step_seconds: 60,
        router: [step("2026-01-01T11:58:00.000Z", 600, 500), step("2026-01-01T11:59:00.000Z", 120, 50), step("2026-01-01T12:00:00.000Z", 60)],
        instances: {
          "web.10": [{ time: "2026-01-01T11:59:00.000Z", cpu_cores: 0.5, memory_bytes: 100, memory_limit_bytes: 512 }],
          "web.2": [
            { time: "2026-01-01T11:58:00.000Z", cpu_cores: 2 },
            { time: "2026-01-01T11:59:00.000Z", cpu_cores: 0.2, memory_bytes: 300 },
            { time: "2026-01-01T12:00:00.000Z", cpu_cores: 0.4, memory_bytes: 200 },
          ],
        },
      },
      Date.parse("2026-01-01T11:59:00.000Z"),
    );
    expect(s).toEqual({
      seconds: 120,
      requests: 180,
      rps: 1.5,
      status: { "1xx": 0, "2xx": 178, "3xx": 0, "4xx": 0, "5xx": 2 },
      worst_p50_ms: 5,
      worst_p95_ms: 20,
      worst_p99_ms: 50,
      instances: [
        { dyno: "web.2", cpu_cores: 0.3, memory_bytes: 300 },
        { dyno: "web.10", cpu_cores: 0.5, memory_bytes: 100, memory_limit_bytes: 512 },
      ],
    });
  });

  it("adds up each instance's restarts in the window, with their steps and the count since the release", () => {
    const s = summarizeMetrics(
      {
        step_seconds: 60,
        router: [],
        instances: {
          "web.1": [{ time: "2026-01-01T12:00:00.000Z", memory_bytes: 100, restarts: 0 }],
          "worker.1": [
            { time: "2026-01-01T10:59:00.000Z", restarts: 5 },
            { time: "2026-01-01T11:00:00.000Z", restarts: 2 },
            { time: "2026-01-01T11:01:00.000Z", restarts: 0 },
            { time: "2026-01-01T11:02:00.000Z", restarts: 1 },
          ],
        },
        restarts: { "web.1": 0, "worker.1": 8, "worker.2": 1 },
      },
      Date.parse("2026-01-01T11:00:00.000Z"),
    );
    expect(s.instances).toEqual([
      { dyno: "web.1", memory_bytes: 100, restarts: 0, restarts_since_release: 0 },
      {
        dyno: "worker.1",
        restarts: 3,
        restarted_at: [
          { time: "2026-01-01T11:00:00.000Z", restarts: 2 },
          { time: "2026-01-01T11:02:00.000Z", restarts: 1 },
        ],
        restarts_since_release: 8,
      },
      // A count with no series (restarts older than the series): listed with its count alone.
      { dyno: "worker.2", restarts_since_release: 1 },
    ]);
  });
});

describe("parseSince", () => {
  it.each([
    ["10m", 600_000],
    ["2h", 7_200_000],
    ["1d", 86_400_000],
  ])("%s", (raw, ms) => expect(parseSince(raw)).toBe(ms));
  it.each(["0m", "2d", "10", "1w"])("rejects %s", (raw) => expect(() => parseSince(raw)).toThrow(/since/));
});

describe("compareDynoNames", () => {
  it.each([
    { names: ["web.10", "web.2", "web.1"], want: ["web.1", "web.2", "web.10"] },
    { names: ["worker.1", "web.3", "run.12", "run.9"], want: ["run.9", "run.12", "web.3", "worker.1"] },
    { names: ["web.1", "web", "web.x"], want: ["web", "web.1", "web.x"] },
    { names: ["Web.1", "web.1"], want: ["Web.1", "web.1"] },
  ])("sorts $names", ({ names, want }) => {
    expect([...names].sort(compareDynoNames)).toEqual(want);
  });
});
