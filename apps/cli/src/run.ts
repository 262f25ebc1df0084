import { CliError } from "./api-client.js";
import { parseArgs } from "./args.js";
import type { Command } from "./command.js";
import { EXIT } from "./exit-codes.js";
import { bold } from "./output.js";
import { resolveSettings } from "./settings.js";

const out = (line: string) => process.stdout.write(`${line}\n`);

export function commandHelp(c: Command): string {
  const lines = [`Usage: ${c.usage}`, "", c.summary];
  if (c.description) lines.push("", c.description);
  if (c.examples?.length) lines.push("", "Examples:", ...c.examples.map((e) => `  $ ${e}`));
  return lines.join("\n");
}

function overview(commands: Command[]): void {
  out(`${bold("Usage:")} pier COMMAND [options]\n`);
  for (const c of commands.filter((c) => !c.name.startsWith("git:"))) out(`  ${c.name.padEnd(18)} ${c.summary}`);
  out("\nThe app is --app NAME (-a NAME), else the one the `pier` git remote points at.");
  out("Settings: PIER_API_URL and PIER_API_KEY override what `pier login` stored.");
  out("Help for one command: pier help COMMAND (or pier COMMAND --help)");
}

/** Parses argv, runs the command, and turns failures into one line on stderr and an exit code. */
export async function runCli(commands: Command[], argv: string[]): Promise<number> {
  try {
    const [name, ...rest] = argv;
    if (!name || name === "help" || name === "--help" || name === "-h") {
      const topic = name === "help" ? commands.find((c) => c.name === rest[0]) : undefined;
      if (topic) out(commandHelp(topic));
      else overview(commands);
      return EXIT.ok;
    }
    const command = commands.find((c) => c.name === name);
    if (!command) {
      const near = commands.filter((c) => c.name.startsWith(name.split(":")[0]!)).map((c) => c.name);
      throw new CliError(`'${name}' is not a pier command.${near.length ? ` Did you mean: ${near.slice(0, 4).join(", ")}?` : ""} See 'pier help'.`, EXIT.usage);
    }
    const { positionals, flags } = parseArgs(rest, command.booleans, { commandLast: command.commandLast });
    if (flags.help) {
      out(commandHelp(command));
      return EXIT.ok;
    }
    const code = await command.run({ positionals, flags, settings: await resolveSettings(), out });
    return typeof code === "number" ? code : EXIT.ok;
  } catch (err) {
    if (err instanceof CliError) {
      process.stderr.write(` !    ${err.message}\n`);
      return err.exitCode;
    }
    process.stderr.write(` !    pier failed unexpectedly: ${(err as Error).stack ?? (err as Error).message}\n`);
    return EXIT.failure;
  }
}
