import { describe, expect, it } from "vitest";
import { frameReader, type Frame } from "./attach-frames.js";

const frame = (type: number, text: string) => {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = type;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
};
const wire = Buffer.concat([frame(1, "hello\n"), frame(2, "warn: é\n"), frame(1, ""), frame(3, "42")]);
const text = (frames: Frame[]) => frames.map((f) => (f.stream === "exit" ? `exit ${f.code}` : `${f.stream}:${f.payload.toString()}`));

describe("frameReader", () => {
  it.each([
    ["one chunk", [wire.length]],
    ["byte by byte", Array.from({ length: wire.length }, () => 1)],
    ["split inside headers and payloads", [3, 9, 2, 10, 7, wire.length]],
  ])("%s", (_name, sizes) => {
    const frames: Frame[] = [];
    const push = frameReader((f) => frames.push(f));
    let at = 0;
    for (const size of sizes) {
      push(wire.subarray(at, Math.min(at + size, wire.length)));
      at += size;
      if (at >= wire.length) break;
    }
    expect(text(frames)).toEqual(["stdout:hello\n", "stderr:warn: é\n", "stdout:", "exit 42"]);
  });

  it("refuses what is not an attach stream", () => {
    expect(() => frameReader(() => undefined)(frame(9, "x"))).toThrow("unexpected frame type 9");
  });
});
