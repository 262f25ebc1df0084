import { describe, expect, it } from "vitest";
import { cleanMessage, formatLogLine, parseLogLine, type LogLine } from "./log-line.js";

const t = Date.parse("2026-01-01T12:00:00.123Z");

describe("formatLogLine / parseLogLine", () => {
  const cases: [LogLine, string][] = [
    [{ time: t, source: "app", dyno: "web.1", message: "hello" }, "2026-01-01T12:00:00.123Z app[web.1]: hello"],
    [{ time: t, source: "pier", dyno: "router", message: "at=info method=GET path=\"/\"" }, '2026-01-01T12:00:00.123Z pier[router]: at=info method=GET path="/"'],
    [{ time: t, source: "app", dyno: "worker.12", message: "" }, "2026-01-01T12:00:00.123Z app[worker.12]: "],
    [{ time: t, source: "pier", dyno: "api", message: "a: b [c]" }, "2026-01-01T12:00:00.123Z pier[api]: a: b [c]"],
  ];
  it.each(cases)("formats %j", (line, text) => {
    expect(formatLogLine(line)).toBe(text);
    expect(parseLogLine(text)).toEqual(line);
  });

  it.each(["", "hello", "2026-01-01T12:00:00.123Z other[web.1]: x", "2026-13-45T12:00:00Z app[web.1]: x", "2026-01-01T12:00:00Z app[web 1]: x"])(
    "does not parse %j",
    (text) => expect(parseLogLine(text)).toBeUndefined(),
  );
});

describe("cleanMessage", () => {
  it.each([
    ["plain", "plain"],
    ["tab\tkept", "tab\tkept"],
    ["\x1b[31mred\x1b[0m", "[31mred[0m"],
    ["a\rb\n", "ab"],
  ])("%j -> %j", (input, out) => expect(cleanMessage(input)).toBe(out));
});
