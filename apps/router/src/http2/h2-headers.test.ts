import { describe, expect, it } from "vitest";
import { h2RequestRaw, h2ResponseHeaders } from "./h2-headers.js";

describe("h2RequestRaw", () => {
  it.each([
    ["drops pseudo-headers and puts Host first", [":method", "GET", ":path", "/", ":authority", "a.test", "accept", "*/*"], "a.test", ["Host", "a.test", "accept", "*/*"]],
    ["joins split cookies with '; '", ["cookie", "a=1", "x-y", "z", "cookie", "b=2"], "a.test", ["Host", "a.test", "x-y", "z", "cookie", "a=1; b=2"]],
    ["ignores a host header beside :authority", ["host", "evil.test", "accept", "x"], "a.test", ["Host", "a.test", "accept", "x"]],
  ])("%s", (_what, raw, authority, expected) => {
    expect(h2RequestRaw(raw, authority)).toEqual(expected);
  });
});

describe("h2ResponseHeaders", () => {
  it.each([
    ["lowercases names", 200, ["Content-Type", "text/plain", "X-Request-Id", "r1"], { ":status": 200, "content-type": "text/plain", "x-request-id": "r1" }],
    ["keeps repeated names as arrays", 302, ["Set-Cookie", "a=1", "set-cookie", "b=2", "Set-Cookie", "c=3"], { ":status": 302, "set-cookie": ["a=1", "b=2", "c=3"] }],
  ])("%s", (_what, status, raw, expected) => {
    expect(h2ResponseHeaders(status, raw)).toEqual(expected);
  });
});
