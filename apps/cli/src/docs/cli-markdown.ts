import type { Command } from "../command.js";
import { EXIT_CODE_DOCS } from "../exit-codes.js";

/** docs/cli.md, from the commands themselves (a test fails when the file drifts from this). */
export function cliMarkdown(commands: Command[]): string {
  const lines = [
    "# The `pier` command",
    "",
    "<!-- Generated from apps/cli/src (COMMANDS in main.ts). Do not edit: run `npm run docs:generate`. -->",
    "",
    "`pier` talks to the Pier API (`PIER_API_URL`, default `http://127.0.0.1:5000`) with the token that",
    "`pier login` stored in `~/.config/pier/config.json` (or `PIER_API_KEY`).",
    "",
    "- The app is `--app NAME` (`-a NAME`), else the app the `pier` git remote points at.",
    "- Listings take `--json` for scripts. Errors are one line on stderr saying what to do next.",
    "- Colour is used only when stdout is a terminal (and `NO_COLOR` is unset).",
    "- `pier help COMMAND` (or `pier COMMAND --help`) shows a command's help.",
    "",
    "## Exit codes",
    "",
    "| code | meaning |",
    "| --- | --- |",
    ...EXIT_CODE_DOCS.map(([code, meaning]) => `| ${code} | ${meaning} |`),
    "",
    "## Commands",
    "",
    ...commands.filter((c) => !c.name.startsWith("git:")).map((c) => `- [\`${c.name}\`](#${anchor(c.name)}): ${c.summary}`),
    "",
  ];
  for (const c of commands.filter((c) => !c.name.startsWith("git:"))) {
    lines.push(`### ${c.name}`, "", c.summary.charAt(0).toUpperCase() + c.summary.slice(1) + ".", "", "```", c.usage, "```", "");
    if (c.description) lines.push(c.description, "");
    if (c.examples?.length) lines.push("Examples:", "", "```", ...c.examples.map((e) => `$ ${e}`), "```", "");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

const anchor = (name: string) => name.replace(/[^a-z0-9-]/g, "");
