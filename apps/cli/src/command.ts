import type { Settings } from "./settings.js";

export interface CommandContext {
  positionals: string[];
  flags: Record<string, string | true>;
  settings: Settings;
  out: (line: string) => void;
}

export interface Command {
  name: string;
  usage: string;
  summary: string;
  /** Longer help: what flags mean, what happens. */
  description?: string;
  examples?: string[];
  /** Flags that take no value (besides --json and --help). */
  booleans?: string[];
  /** Options only before the first positional; the rest is a command line of its own (`pier run`). */
  commandLast?: boolean;
  /** A number is the process's exit code (`pier run` passes on the command's). */
  run(ctx: CommandContext): Promise<void | number>;
}
