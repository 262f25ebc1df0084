import { describe, expect, it } from "vitest";
import { clientAddress, clientResponseHeaders, upstreamRequestHeaders } from "./forward-headers.js";

const f = { clientAddress: "10.1.2.3", port: "80", host: "Shop.localhost:80", requestId: "rid", start: 1700000000000, chunked: false };
const added = ["X-Forwarded-For", "10.1.2.3", "X-Forwarded-Proto", "http", "X-Forwarded-Port", "80", "X-Forwarded-Host", "Shop.localhost:80", "X-Request-Id", "rid", "X-Request-Start", "1700000000000"];

describe("upstreamRequestHeaders", () => {
  it.each([
    ["keeps end-to-end headers in order and spelling", ["Host", "a", "User-Agent", "ua", "Accept", "*/*", "Cookie", "c=1", "Cookie", "d=2"], undefined, ["Host", "a", "User-Agent", "ua", "Accept", "*/*", "Cookie", "c=1", "Cookie", "d=2"]],
    ["drops hop-by-hop headers in any case", ["Host", "a", "Connection", "keep-alive", "KEEP-ALIVE", "timeout=5", "TE", "trailers", "Upgrade", "h2c", "Proxy-Connection", "x", "Trailer", "y"], "keep-alive", ["Host", "a"]],
    ["drops untrusted forwarding headers", ["x-forwarded-for", "6.6.6.6", "X-Forwarded-Proto", "https", "X-Forwarded-Port", "443", "X-Forwarded-Host", "evil", "X-Request-Id", "old", "X-Request-Start", "1"], undefined, []],
    ["drops Expect and proxy credentials", ["Expect", "100-continue", "Proxy-Authorization", "Basic x", "Authorization", "Bearer t"], undefined, ["Authorization", "Bearer t"]],
    ["drops headers named in Connection", ["Host", "a", "Connection", "close, X-Secret", "x-secret", "1", "X-Other", "2"], "close, X-Secret", ["Host", "a", "X-Other", "2"]],
    ["drops an incoming Transfer-Encoding", ["Transfer-Encoding", "chunked", "Host", "a"], undefined, ["Host", "a"]],
  ])("%s", (_what, raw, connection, kept) => {
    expect(upstreamRequestHeaders(raw, connection, f)).toEqual([...kept, ...added]);
  });

  it("forwards a body of unknown length chunked", () => {
    expect(upstreamRequestHeaders(["Transfer-Encoding", "chunked"], undefined, { ...f, chunked: true })).toEqual([...added, "Transfer-Encoding", "chunked"]);
  });
});

describe("clientResponseHeaders", () => {
  it.each([
    ["keeps end-to-end headers, repeated Set-Cookie too", ["Content-Type", "text/plain", "Set-Cookie", "a=1", "Set-Cookie", "b=2"], undefined, ["Content-Type", "text/plain", "Set-Cookie", "a=1", "Set-Cookie", "b=2"]],
    ["drops hop-by-hop and the upstream's request id", ["Connection", "close", "Transfer-Encoding", "chunked", "Keep-Alive", "timeout=5", "X-Request-Id", "up", "Proxy-Authenticate", "Basic", "Content-Length", "3"], "close", ["Content-Length", "3"]],
  ])("%s", (_what, raw, connection, kept) => {
    expect(clientResponseHeaders(raw, connection, "rid")).toEqual([...kept, "X-Request-Id", "rid"]);
  });
});

describe("clientAddress", () => {
  it.each([
    ["::ffff:127.0.0.1", "127.0.0.1"],
    ["127.0.0.1", "127.0.0.1"],
    ["::1", "::1"],
    [undefined, ""],
  ])("%j -> %j", (remote, expected) => {
    expect(clientAddress(remote)).toBe(expected);
  });
});
