import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../main.js";
import { cliMarkdown } from "./cli-markdown.js";

const DOC = fileURLToPath(new URL("../../../../docs/cli.md", import.meta.url));

describe("docs/cli.md", () => {
  it("matches the commands (regenerate with: npm run docs:generate)", async () => {
    const expected = cliMarkdown(COMMANDS);
    if (process.env.PIER_UPDATE_DOCS === "1") await writeFile(DOC, expected);
    const actual = await readFile(DOC, "utf8").catch(() => "(missing)");
    expect(actual, "docs/cli.md is out of date: run `npm run docs:generate`").toBe(expected);
  });

  it("documents every command with a usage line", () => {
    for (const c of COMMANDS) expect(c.usage, c.name).toMatch(new RegExp(`^pier ${c.name.replace(":", ":")}`));
  });
});
