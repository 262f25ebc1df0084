import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLineWriter } from "./line-writer.js";

function sink() {
  const stream = new PassThrough();
  const writes: string[] = [];
  stream.on("data", (c: Buffer) => writes.push(c.toString()));
  return { stream, writes };
}

describe("createLineWriter", () => {
  it("writes the lines of one turn of the event loop at once", async () => {
    const { stream, writes } = sink();
    const w = createLineWriter(stream);
    w.write("a");
    w.write("b");
    expect(writes).toEqual([]);
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    expect(writes).toEqual(["a\nb\n"]);
  });

  it("writes at once when the buffer is full, and on flush", async () => {
    const { stream, writes } = sink();
    const w = createLineWriter(stream, 4);
    w.write("abcd");
    w.write("x");
    w.flush();
    await new Promise((r) => setImmediate(r));
    expect(writes).toEqual(["abcd\n", "x\n"]);
  });
});
