import { describe, expect, it } from "vitest";
import { createSseParser, formatSseEvent } from "./sse.js";

describe("formatSseEvent / createSseParser", () => {
  it.each([
    ["1-0", ["a", "b"], "id: 1-0\ndata: a\ndata: b\n\n"],
    [undefined, ["x\ry"], "data: xy\n\n"],
  ])("%s %j", (id, lines, text) => {
    expect(formatSseEvent(id, lines)).toBe(text);
    const got: unknown[] = [];
    const p = createSseParser((e) => got.push(e));
    for (const ch of text + ": comment\n\n") p.push(ch);
    expect(got).toEqual([{ ...(id ? { id } : {}), data: lines.join("\n").replace(/\r/g, "") }]);
  });
});

describe("createSseParser", () => {
  it.each([
    ["data:a\ndata: b\n\n", [{ data: "a\nb" }]],
    ["event: x\ndata: a\n\n", [{ data: "a" }]],
    ["id: 7-1\ndata: a\nretry: 5\ndata: b\n\n", [{ id: "7-1", data: "a\nb" }]],
    ["id: 7-1\n\n: hb\n\ndata: z\n\n", [{ data: "z" }]],
  ])("%j", (text, events) => {
    for (const size of [1, 3, text.length]) {
      const got: unknown[] = [];
      const p = createSseParser((e) => got.push(e));
      for (let i = 0; i < text.length; i += size) p.push(text.slice(i, i + size));
      expect(got).toEqual(events);
    }
  });
});
