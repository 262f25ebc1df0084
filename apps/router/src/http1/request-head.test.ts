import { describe, expect, it } from "vitest";
import { isHeadError, parseRequestHead, type RequestHead } from "./request-head.js";

const head = (lines: string[]): RequestHead => {
  const h = parseRequestHead(lines.join("\r\n"));
  if (isHeadError(h)) throw new Error(h.reason);
  return h;
};

describe("parseRequestHead", () => {
  it("reads the request line and keeps raw headers as sent", () => {
    const h = head(["GET /p?q=1 HTTP/1.1", "Host: App.example:8080", "X-Custom:  kept  ", "Accept: */*"]);
    expect(h).toMatchObject({ method: "GET", target: "/p?q=1", minor: 1, host: "App.example:8080", contentLength: -1, chunked: false, keepAlive: true, accept: "*/*" });
    expect(h.raw).toEqual(["Host", "App.example:8080", "X-Custom", "kept", "Accept", "*/*"]);
  });

  it.each([
    [["GET / HTTP/1.1", "Connection: close"], false],
    [["GET / HTTP/1.1", "Connection: keep-alive"], true],
    [["GET / HTTP/1.0"], false],
    [["GET / HTTP/1.0", "Connection: Keep-Alive"], true],
  ])("keep-alive for %j is %s", (lines, keep) => {
    expect(head(lines).keepAlive).toBe(keep);
  });

  it("lets chunked win over Content-Length and drops the length", () => {
    const h = head(["POST / HTTP/1.1", "Content-Length: 5", "Transfer-Encoding: chunked"]);
    expect(h).toMatchObject({ chunked: true, contentLength: -1 });
    expect(h.raw).toEqual(["Transfer-Encoding", "chunked"]);
  });

  it("accepts repeated equal Content-Length headers", () => {
    expect(head(["POST / HTTP/1.1", "Content-Length: 3", "content-length: 3"]).contentLength).toBe(3);
  });

  it("takes Upgrade only when Connection names it", () => {
    expect(head(["GET / HTTP/1.1", "Upgrade: websocket"]).upgrade).toBeUndefined();
    expect(head(["GET / HTTP/1.1", "Connection: keep-alive, Upgrade", "Upgrade: websocket"]).upgrade).toBe("websocket");
  });

  it.each([
    ["conflicting lengths", ["POST / HTTP/1.1", "Content-Length: 3", "Content-Length: 4"], 400],
    ["a negative length", ["POST / HTTP/1.1", "Content-Length: -1"], 400],
    ["a transfer coding other than chunked last", ["POST / HTTP/1.1", "Transfer-Encoding: chunked, gzip"], 400],
    ["obs-fold", ["GET / HTTP/1.1", "X-A: 1", " folded"], 400],
    ["space before the colon", ["GET / HTTP/1.1", "Host : a"], 400],
    ["two Host headers", ["GET / HTTP/1.1", "Host: a", "Host: b"], 400],
    ["a header line without a colon", ["GET / HTTP/1.1", "nonsense"], 400],
    ["a malformed request line", ["GET /"], 400],
    ["a control character in the target", ["GET /\x01 HTTP/1.1"], 400],
    ["HTTP/2 text", ["GET / HTTP/2.0"], 505],
    ["a header line over 8 KB", ["GET / HTTP/1.1", `X-Big: ${"a".repeat(8200)}`], 431],
    ["a request line over 8 KB", [`GET /${"a".repeat(8200)} HTTP/1.1`], 400],
    ["1001 headers", ["GET / HTTP/1.1", ...Array.from({ length: 1001 }, (_, i) => `X-${i}: v`)], 431],
  ])("rejects %s", (_what, lines, status) => {
    const h = parseRequestHead(lines.join("\r\n"));
    expect(isHeadError(h) && h.status).toBe(status);
  });
});
