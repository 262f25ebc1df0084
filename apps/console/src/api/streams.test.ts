import { describe, expect, it } from "vitest";
import { LineSplitter, SseParser } from "./streams.js";

describe("LineSplitter", () => {
  it("joins lines split across chunks and keeps the unfinished one", () => {
    const s = new LineSplitter();
    expect(s.push("a\nb")).toEqual(["a"]);
    expect(s.push("c\r\nd\n")).toEqual(["bc", "d"]);
    expect(s.push("e")).toEqual([]);
    expect(s.flush()).toEqual(["e"]);
    expect(s.flush()).toEqual([]);
  });
});

describe("SseParser", () => {
  it("yields each data payload's lines at the blank line ending its event", () => {
    const p = new SseParser();
    const out = ["id: 1", "data: one", "data: two", "", ": keep-alive", "", "data:three", "event: x", ""].flatMap((l) => p.line(l));
    expect(out).toEqual(["one", "two", "three"]);
  });
});
