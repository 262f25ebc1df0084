import { describe, expect, it } from "vitest";
import { BodyReader } from "./body-reader.js";
import { ChunkedScanner } from "./chunked-scanner.js";

const body = "5\r\nhello\r\n1;ext=1\r\n!\r\n0\r\nTrailer: x\r\n\r\n";

describe("ChunkedScanner", () => {
  it.each([1, 2, 3, 7, body.length])("finds the end fed in pieces of %i bytes, counting data bytes", (size) => {
    const s = new ChunkedScanner();
    const bytes = Buffer.from(`${body}NEXT`);
    let end = -1;
    for (let i = 0; i < bytes.length && end === -1; i += size) {
      const piece = bytes.subarray(i, i + size);
      const at = s.feed(piece);
      if (at !== -1) end = i + at;
    }
    expect(end).toBe(body.length);
    expect(s.dataBytes).toBe(6);
    expect(s.done).toBe(true);
  });

  it.each([
    ["zz\r\n", "malformed chunk size"],
    ["3\r\nabcd\r\n", "chunk data longer than its size"],
    ["1234567890abc\r\n", "chunk size too large"],
  ])("reports bad framing %j", (text, reason) => {
    const s = new ChunkedScanner();
    expect(s.feed(Buffer.from(text))).toBe(-1);
    expect(s.error).toBe(reason);
  });
});

describe("BodyReader", () => {
  it("takes exactly Content-Length bytes", () => {
    const r = new BodyReader(5, false);
    expect(r.take(Buffer.from("abc"))).toBe(3);
    expect(r.take(Buffer.from("xxdefgh"), 2)).toBe(2);
    expect([r.done, r.bytes]).toEqual([true, 5]);
  });

  it("is done at once for an empty body and reads to close without a length", () => {
    expect(new BodyReader(0, false).done).toBe(true);
    const r = new BodyReader(-1, false);
    expect(r.untilClose).toBe(true);
    expect(r.take(Buffer.from("abc"))).toBe(3);
    expect(r.done).toBe(false);
  });
});
