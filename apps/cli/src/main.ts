#!/usr/bin/env node
import { CliError } from "./api-client.js";
import { parseArgs } from "./args.js";
import type { Command } from "./command.js";
import { appsCreate, appsDestroy, appsInfo, appsList } from "./commands/apps.js";
import { gitCredential } from "./commands/git-credential.js";
import { login } from "./commands/login.js";
import { logs } from "./commands/logs.js";
import { resolveSettings } from "./settings.js";

const COMMANDS: Command[] = [login, appsList, appsCreate, appsInfo, appsDestroy, gitCredential, logs];
const out = (line: string) => process.stdout.write(`${line}\n`);

function help(): void {
  out("Usage: pier COMMAND [options]\n");
  for (const c of COMMANDS) out(`  ${c.name.padEnd(16)} ${c.summary}`);
  out("\nSettings: PIER_API_URL and PIER_API_KEY override what `pier login` stored.");
  out("Help for one command: pier COMMAND --help");
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    help();
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`pier: '${name}' is not a pier command. See 'pier help'.\n`);
    return 2;
  }
  const { positionals, flags } = parseArgs(rest);
  if (flags.help) {
    out(`Usage: ${command.usage}\n\n${command.summary}`);
    return 0;
  }
  await command.run({ positionals, flags, settings: await resolveSettings(), out });
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: Error) => {
    process.stderr.write(err instanceof CliError ? ` !    ${err.message}\n` : ` !    pier failed unexpectedly: ${err.stack ?? err.message}\n`);
    process.exit(err instanceof CliError ? err.exitCode : 1);
  },
);
