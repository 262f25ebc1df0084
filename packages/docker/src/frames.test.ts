import { describe, expect, it } from "vitest";
import { demuxDockerFrames } from "./frames.js";

function frame(stream: number, text: string): number[] {
  const payload = [...new TextEncoder().encode(text)];
  const n = payload.length;
  return [stream, 0, 0, 0, (n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255, ...payload];
}

describe("demuxDockerFrames", () => {
  it.each([
    ["stdout and stderr in order", [...frame(1, "starting\n"), ...frame(2, "Traceback\n"), ...frame(1, "bye\n")], "starting\nTraceback\nbye\n"],
    ["TTY output (not framed) as is", [...new TextEncoder().encode("plain text\n")], "plain text\n"],
    ["empty", [], ""],
  ])("%s", (_n, bytes, expected) => expect(demuxDockerFrames(Uint8Array.from(bytes))).toBe(expected));
});
