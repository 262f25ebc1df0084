import { describe, expect, it } from "vitest";
import { appendBounded, matchesFilter, parseLogLine, type LogFilter } from "./logs.js";

describe("parseLogLine", () => {
  it.each([
    ["2026-01-01T12:00:00.123Z app[web.1]: hello world", { time: "2026-01-01T12:00:00.123Z", source: "app", process: "web.1", text: "hello world" }],
    ["2026-01-01T12:00:00Z pier[router]: at=info status=200", { time: "2026-01-01T12:00:00Z", source: "pier", process: "router", text: "at=info status=200" }],
    ["2026-01-01T12:00:00Z app[web.1]:", { time: "2026-01-01T12:00:00Z", source: "app", process: "web.1", text: "" }],
    ["not a log line", { time: "", source: "", process: "", text: "not a log line" }],
  ])("%s", (raw, parsed) => {
    expect(parseLogLine(raw)).toEqual({ ...parsed, raw });
  });
});

describe("matchesFilter", () => {
  const web1 = parseLogLine("t app[web.1]: GET / Done");
  const worker = parseLogLine("t app[worker.1]: job done");
  const router = parseLogLine("t pier[router]: status=500");
  const none: LogFilter = { process: "", source: "", text: "" };
  it.each<[string, LogFilter, boolean[]]>([
    ["no filter", none, [true, true, true]],
    ["process type", { ...none, process: "web" }, [true, false, false]],
    ["instance", { ...none, process: "worker.1" }, [false, true, false]],
    ["prefix is not a type", { ...none, process: "wo" }, [false, false, false]],
    ["source", { ...none, source: "pier" }, [false, false, true]],
    ["text, any case", { ...none, text: "DONE" }, [true, true, false]],
  ])("%s", (_label, filter, expected) => {
    expect([web1, worker, router].map((l) => matchesFilter(l, filter))).toEqual(expected);
  });
});

describe("appendBounded", () => {
  it("keeps the newest lines", () => {
    expect(appendBounded([1, 2, 3], [4, 5], 4)).toEqual([2, 3, 4, 5]);
    expect(appendBounded([1], [2], 4)).toEqual([1, 2]);
  });
});
