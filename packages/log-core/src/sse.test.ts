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
