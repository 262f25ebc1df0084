import { describe, expect, it } from "vitest";
import { LogFilterError, matchesLogFilter, parseLogFilter, type LogFilter } from "./filter.js";
import type { LogSource } from "./log-line.js";

describe("parseLogFilter", () => {
  it.each([
    [{}, {}],
    [{ dyno: "web", source: "app" }, { dyno: "web", source: "app" }],
    [{ dyno: "web.1" }, { dyno: "web.1" }],
    [{ dyno: "router", source: "heroku" }, { dyno: "router", source: "pier" }],
    [{ dyno: null, source: "" }, {}],
  ])("%j -> %j", (raw, filter) => expect(parseLogFilter(raw)).toEqual(filter));

  it.each([{ dyno: "web 1" }, { dyno: "../x" }, { source: "system" }])("rejects %j", (raw) => {
    expect(() => parseLogFilter(raw)).toThrow(LogFilterError);
  });
});

describe("matchesLogFilter", () => {
  const cases: [LogFilter, LogSource, string, boolean][] = [
    [{}, "app", "web.1", true],
    [{ dyno: "web" }, "app", "web.1", true],
    [{ dyno: "web" }, "app", "web.12", true],
    [{ dyno: "web" }, "app", "webhook.1", false],
    [{ dyno: "web" }, "app", "worker.1", false],
    [{ dyno: "web.1" }, "app", "web.1", true],
    [{ dyno: "web.1" }, "app", "web.12", false],
    [{ dyno: "router" }, "pier", "router", true],
    [{ source: "app" }, "pier", "router", false],
    [{ source: "pier" }, "pier", "web.1", true],
    [{ source: "pier", dyno: "web" }, "app", "web.1", false],
  ];
  it.each(cases)("%j on %s[%s] -> %s", (filter, source, dyno, match) => {
    expect(matchesLogFilter(filter, { source, dyno })).toBe(match);
  });
});
