import { describe, expect, it } from "vitest";
import { parseResponseHead } from "./response-head.js";

describe("parseResponseHead", () => {
  it.each([
    ["HTTP/1.1 200 OK\r\nContent-Length: 2", { status: 200, reason: "OK", contentLength: 2, chunked: false, close: false }],
    ["HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 2", { contentLength: -1, chunked: true }],
    ["HTTP/1.1 204 No Content\r\nConnection: close", { status: 204, close: true }],
    ["HTTP/1.0 200 OK", { close: true, contentLength: -1 }],
    ["HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0", { close: false, contentLength: 0 }],
    ["HTTP/1.1 404", { status: 404, reason: "" }],
  ])("%j", (text, expected) => {
    expect(parseResponseHead(text)).toMatchObject(expected);
  });

  it.each(["SSH-2.0-OpenSSH", "HTTP/1.1 2x0 OK", "HTTP/1.1 200 OK\r\nno colon", "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2"])("rejects %j", (text) => {
    expect(parseResponseHead(text)).toBeUndefined();
  });
});
