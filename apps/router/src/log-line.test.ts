import { describe, expect, it } from "vitest";
import { formatRequestLog, logValue } from "./log-line.js";

const base = { method: "GET", path: "/", host: "hello.localhost", requestId: "rid", fwd: "127.0.0.1", status: 200, bytes: 12 };

describe("formatRequestLog", () => {
  it.each([
    ["an access line", { ...base, dyno: "web.1", connectMs: 1, serviceMs: 5 }, undefined,
      `at=info method=GET path="/" host=hello.localhost request_id=rid fwd="127.0.0.1" dyno=web.1 connect=1ms service=5ms status=200 bytes=12`],
    ["an error with a code", { ...base, status: 503, bytes: 0 }, { code: "H14", desc: "No web processes running" },
      `at=error code=H14 desc="No web processes running" method=GET path="/" host=hello.localhost request_id=rid fwd="127.0.0.1" status=503 bytes=0`],
    ["an error without a code", { ...base, status: 404, bytes: 5 }, { code: undefined, desc: "No such app" },
      `at=error desc="No such app" method=GET path="/" host=hello.localhost request_id=rid fwd="127.0.0.1" status=404 bytes=5`],
    ["quotes in the path and a host with spaces", { ...base, path: `/a"b\\c`, host: "a b" }, undefined,
      `at=info method=GET path="/a\\"b\\\\c" host="a b" request_id=rid fwd="127.0.0.1" status=200 bytes=12`],
  ])("formats %s", (_what, fields, error, line) => {
    expect(formatRequestLog(fields, error)).toBe(line);
  });
});

describe("logValue", () => {
  it.each([
    ["web.1", "web.1"],
    ["", `""`],
    ["a=b", `"a=b"`],
    ["x\ny", `"xy"`],
  ])("%j -> %s", (v, out) => {
    expect(logValue(v)).toBe(out);
  });
});
