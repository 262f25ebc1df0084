import { describe, expect, it } from "vitest";
import { attachQuery, terminalEnv, terminalSize, wantsTerminal, type TerminalFacts } from "./run-terminal.js";

const facts = (over: Partial<TerminalFacts>): TerminalFacts => ({ stdinIsTTY: true, stdoutIsTTY: true, noTty: false, detach: false, ...over });

describe("wantsTerminal", () => {
  it.each([
    ["stdin and stdout on a terminal", facts({}), true],
    ["--no-tty", facts({ noTty: true }), false],
    ["input piped in", facts({ stdinIsTTY: false }), false],
    ["output piped out", facts({ stdoutIsTTY: false }), false],
    ["--detach", facts({ detach: true }), false],
  ])("%s", (_name, f, expected) => {
    expect(wantsTerminal(f)).toBe(expected);
  });
});

describe("terminalSize", () => {
  it.each([
    ["a sized terminal", { columns: 120, rows: 40 }, { columns: 120, lines: 40 }],
    ["an unsized pseudo-terminal (0 x 0)", { columns: 0, rows: 0 }, undefined],
    ["not a terminal", { columns: undefined, rows: undefined }, undefined],
  ])("%s", (_name, t, expected) => {
    expect(terminalSize({ ...t, term: undefined })).toEqual(expected);
  });
});

describe("terminalEnv", () => {
  const shape = { columns: 100, rows: 30, term: "screen-256color" };
  it.each([
    ["pipes to a terminal: the width for formatters", true, false, shape, { COLUMNS: "100", LINES: "30", TERM: "screen-256color" }],
    ["a terminal of its own: only TERM (it asks its terminal for the size)", true, true, shape, { TERM: "screen-256color" }],
    ["output not on a terminal: nothing", false, false, shape, {}],
    ["no TERM set: xterm", true, true, { ...shape, term: undefined }, { TERM: "xterm" }],
    ["an unsized terminal: no COLUMNS of 0", true, false, { columns: 0, rows: 0, term: "xterm" }, { TERM: "xterm" }],
  ])("%s", (_name, stdoutIsTTY, tty, t, expected) => {
    expect(terminalEnv(stdoutIsTTY, tty, t)).toEqual(expected);
  });
});

describe("attachQuery", () => {
  it.each([
    ["nothing", undefined, undefined, ""],
    ["a time limit", 60, undefined, "time_to_live=60"],
    ["a terminal's size", undefined, { columns: 80, lines: 24 }, "columns=80&lines=24"],
    ["both", 5, { columns: 200, lines: 50 }, "time_to_live=5&columns=200&lines=50"],
  ])("%s", (_name, ttl, size, expected) => {
    expect(attachQuery(ttl, size).toString()).toBe(expected);
  });
});
