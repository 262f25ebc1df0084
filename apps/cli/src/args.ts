import { CliError } from "./api-client.js";
import { EXIT } from "./exit-codes.js";

/** Splits argv into positionals and flags (`--app x`, `-a x`, `--json`, `--confirm=x`). */
export interface ParsedArgs {
  positionals: string[];
  flags: Record<string, string | true>;
}

const SHORT: Record<string, string> = { a: "app", h: "help" };
const BOOLEAN = new Set(["json", "help"]);

/** `commandLast`: everything from the first positional on is positional (`pier run python -c ...`). */
export function parseArgs(argv: string[], booleans: string[] = [], opts: { commandLast?: boolean } = {}): ParsedArgs {
  const positionals: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    const long = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    const short = /^-([a-z])$/.exec(arg);
    const name = long ? long[1]! : short ? (SHORT[short[1]!] ?? short[1]!) : undefined;
    if (!name) {
      positionals.push(arg);
      if (opts.commandLast) {
        positionals.push(...argv.slice(i + 1));
        break;
      }
      continue;
    }
    if (long?.[2] !== undefined) flags[name] = long[2];
    else if (BOOLEAN.has(name) || booleans.includes(name) || i + 1 >= argv.length || argv[i + 1]!.startsWith("-")) flags[name] = true;
    else flags[name] = argv[++i]!;
  }
  return { positionals, flags };
}

/** `--num N` for listings: a whole number from 1 to 1000, else a usage error. */
export function numFlag(flags: ParsedArgs["flags"], fallback: number): number {
  const num = typeof flags.num === "string" ? Number(flags.num) : fallback;
  if (!Number.isInteger(num) || num < 1 || num > 1000) throw new CliError("--num takes a whole number from 1 to 1000.", EXIT.usage);
  return num;
}
