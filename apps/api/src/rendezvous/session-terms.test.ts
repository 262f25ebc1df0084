import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { endAtCtrlD, MAX_SECRET_LINE, splitSecretLine, terminalFor } from "./session-terms.js";

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

describe("terminalFor", () => {
  const sized = { COLUMNS: "120", LINES: "40" };
  const cases: [string, Parameters<typeof terminalFor>[0], ReturnType<typeof terminalFor>][] = [
    ["heroku run from a terminal", { attach: true, env: sized }, { tty: true, size: { columns: 120, lines: 40 } }],
    ["heroku run --no-tty", { attach: true, force_no_tty: true, env: sized }, { tty: false }],
    ["heroku run with output piped (no size sent)", { attach: true, env: {} }, { tty: false }],
    ["heroku run:detached", { attach: false, env: sized }, { tty: false }],
    ["a size that is not a number", { attach: true, env: { COLUMNS: "wide", LINES: "40" } }, { tty: false }],
    ["pier run asks for one", { attach: true, tty: true, env: sized }, { tty: true }],
    ["pier run asks for none", { attach: true, tty: false, env: sized }, { tty: false }],
    ["tty without attach", { attach: false, tty: true }, { tty: false }],
  ];
  it.each(cases)("%s", (_name, body, expected) => expect(terminalFor(body)).toEqual(expected));
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
