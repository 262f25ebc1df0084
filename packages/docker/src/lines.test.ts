import { describe, expect, it } from "vitest";
import { lineSplitter } from "./lines.js";

function split(chunks: (string | Uint8Array)[]): string[] {
  const lines: string[] = [];
  const s = lineSplitter((l) => lines.push(l));
  for (const c of chunks) s.push(typeof c === "string" ? new TextEncoder().encode(c) : c);
  s.end();
  return lines;
}

describe("lineSplitter", () => {
  const euro = new TextEncoder().encode("€\n"); // 3 bytes + newline
  it.each([
    ["lines across chunks", ["Coll", "ecting flask\nDown", "loading\n"], ["Collecting flask", "Downloading"]],
    ["unterminated last line is flushed", ["a\nb"], ["a", "b"]],
    ["CRLF split across chunks is one break", ["a\r", "\nb\n"], ["a", "b"]],
    ["lone CR is a break", ["10%\r20%\rdone\n"], ["10%", "20%", "done"]],
    ["trailing CR at end", ["x\r"], ["x"]],
    ["empty lines kept", ["a\n\nb\n"], ["a", "", "b"]],
    ["UTF-8 split inside a character", [euro.slice(0, 1), euro.slice(1)], ["€"]],
    ["nothing", [], []],
  ] as [string, (string | Uint8Array)[], string[]][])("%s", (_n, chunks, expected) => {
    expect(split(chunks)).toEqual(expected);
  });
});
