import { describe, expect, it } from "vitest";
import { terminalFor } from "./terminal.js";

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
