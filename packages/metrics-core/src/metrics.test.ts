import { describe, expect, it } from "vitest";
import { prometheusText } from "./prometheus.js";
import { parseRequestLine } from "./request-line.js";
import { addSample, bucketIndex, latencyPercentile, requestPoint, statusClass, sumCounters, type RequestCounters } from "./request-stats.js";
import { seriesPlan } from "./series.js";

describe("parseRequestLine", () => {
  it.each([
    ['at=info method=GET path="/" host=a request_id=x fwd="1" dyno=web.1 connect=1ms service=5ms status=200 bytes=3', { status: 200, latencyMs: 6 }],
    ['at=error code=H14 desc="No web processes running" method=GET path="/" host=a request_id=x fwd="1" status=503 bytes=9', { status: 503 }],
    ['at=info source=router msg="listening" port=80', undefined],
  ])("%s", (line, sample) => expect(parseRequestLine(line)).toEqual(sample));
});

describe("request counters", () => {
  it.each([
    [99, "1xx"],
    [204, "2xx"],
    [308, "3xx"],
    [499, "4xx"],
    [504, "5xx"],
    [600, "5xx"],
  ])("status %d is %s", (status, cls) => expect(statusClass(status)).toBe(cls));

  it.each([
    [0, 0],
    [1, 0],
    [3, 2],
    [30_000, 13],
    [31_000, 14],
  ])("latency %d ms falls in bucket %d", (ms, i) => expect(bucketIndex(ms)).toBe(i));

  it("adds samples, sums counters and reads percentiles", () => {
    const a: RequestCounters = {};
    for (let i = 0; i < 98; i++) addSample(a, { status: 200, latencyMs: 4 });
    addSample(a, { status: 500, latencyMs: 800 });
    addSample(a, { status: 503 });
    const b: RequestCounters = {};
    addSample(b, { status: 404, latencyMs: 40_000 });
    const sum = sumCounters([a, b]);
    expect(sum).toMatchObject({ n: 101, s2xx: 98, s4xx: 1, s5xx: 2, h2: 98, h9: 1, h14: 1 });
    expect(latencyPercentile(sum, 0.5)).toBe(5);
    expect(latencyPercentile(sum, 0.99)).toBe(1000);
    expect(latencyPercentile(sum, 1)).toBe(30_000);
    expect(latencyPercentile({}, 0.5)).toBeUndefined();
    expect(requestPoint(0, 60, sum)).toEqual({
      time: "1970-01-01T00:00:00.000Z",
      requests: 101,
      rps: 1.683,
      status: { "1xx": 0, "2xx": 98, "3xx": 0, "4xx": 1, "5xx": 2 },
      p50_ms: 5,
      p95_ms: 5,
      p99_ms: 1000,
    });
    expect(requestPoint(0, 60, {})).toEqual({ time: "1970-01-01T00:00:00.000Z", requests: 0, rps: 0, status: { "1xx": 0, "2xx": 0, "3xx": 0, "4xx": 0, "5xx": 0 } });
  });
});

describe("seriesPlan", () => {
  const now = Date.parse("2026-01-01T12:34:56Z");
  it("the last hour: 60 one-minute points ending with the current minute", () => {
    const plan = seriesPlan("hour", now);
    expect(plan).toHaveLength(60);
    expect(new Date(plan.at(-1)!.start).toISOString()).toBe("2026-01-01T12:34:00.000Z");
    expect(new Date(plan[0]!.start).toISOString()).toBe("2026-01-01T11:35:00.000Z");
    expect(plan.every((p) => p.minutes.length === 1 && p.minutes[0] === p.start)).toBe(true);
  });
  it("the last day: 96 fifteen-minute points", () => {
    const plan = seriesPlan("day", now);
    expect(plan).toHaveLength(96);
    expect(new Date(plan.at(-1)!.start).toISOString()).toBe("2026-01-01T12:30:00.000Z");
    expect(plan.at(-1)!.minutes).toHaveLength(15);
  });
});

describe("prometheusText", () => {
  it("formats families with escaped labels", () => {
    expect(
      prometheusText([{ name: "pier_x_total", help: "X.", type: "counter", samples: [{ value: 1 }, { labels: { app: 'a"b' }, value: 2 }] }]),
    ).toBe('# HELP pier_x_total X.\n# TYPE pier_x_total counter\npier_x_total 1\npier_x_total{app="a\\"b"} 2\n');
  });
});
