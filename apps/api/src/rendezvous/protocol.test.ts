import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { endAtCtrlD, MAX_SECRET_LINE, splitSecretLine } from "./protocol.js";

describe("splitSecretLine", () => {
  const cases: [string, Buffer, ReturnType<typeof splitSecretLine> | "error"][] = [
    ["incomplete", Buffer.from("abc"), undefined],
    ["CRLF", Buffer.from("abc\r\n"), { secret: "abc", rest: Buffer.alloc(0) }],
    ["LF, input after it", Buffer.from("abc\nls\n"), { secret: "abc", rest: Buffer.from("ls\n") }],
    ["too long without an end", Buffer.alloc(MAX_SECRET_LINE + 1, 0x61), "error"],
    ["too long with an end", Buffer.concat([Buffer.alloc(MAX_SECRET_LINE + 1, 0x61), Buffer.from("\n")]), "error"],
  ];
  it.each(cases)("%s", (_name, input, expected) => {
    const got = splitSecretLine(input);
    if (expected === "error") expect(got).toBeInstanceOf(Error);
    else expect(got).toEqual(expected);
  });
});

describe("endAtCtrlD", () => {
  const through = async (chunks: string[]) => {
    const out: Buffer[] = [];
    for await (const c of Readable.from(chunks.map((s) => Buffer.from(s))).pipe(endAtCtrlD())) out.push(c as Buffer);
    return Buffer.concat(out).toString();
  };
  it("passes input through and ends it at Ctrl-D, dropping what follows", async () => {
    expect(await through(["hello\n", "world\n"])).toBe("hello\nworld\n");
    expect(await through(["hello\n", "bye\u0004", "ignored"])).toBe("hello\nbye");
    expect(await through(["\u0004"])).toBe("");
  });
});
