import { api, CliError } from "../api-client.js";
import { resolveAppName } from "../app-name.js";
import type { Command } from "../command.js";
import type { Settings } from "../settings.js";
import { EXIT } from "../exit-codes.js";
import { bold, heading, json } from "../output.js";
import { newestReleases } from "./releases.js";

type Vars = Record<string, string>;
const path = (app: string) => `/apps/${encodeURIComponent(app)}/config-vars`;

/** `KEY=value` pairs; the value may contain `=`. */
export function parseAssignments(args: string[]): Vars {
  if (args.length === 0) throw new CliError("Usage: pier config:set KEY=value [KEY2=value2 ...]", EXIT.usage);
  const vars: Vars = {};
  for (const arg of args) {
    const eq = arg.indexOf("=");
    if (eq <= 0) throw new CliError(`"${arg}" is not KEY=value.`, EXIT.usage);
    vars[arg.slice(0, eq)] = arg.slice(eq + 1);
  }
  return vars;
}

/** The version the change made, as Heroku's CLI prints it. */
const newestVersion = async (settings: Settings, app: string) => (await newestReleases(settings, app, 1))[0]?.version;

export const configList: Command = {
  name: "config",
  usage: "pier config [--app NAME] [--json] [--shell]",
  summary: "show an app's config vars",
  booleans: ["shell"],
  async run({ flags, settings, out }) {
    const app = await resolveAppName(flags);
    const vars = await api<Vars>(settings, "GET", path(app));
    if (flags.json) return out(json(vars));
    if (flags.shell) {
      for (const [k, v] of Object.entries(vars)) out(`${k}=${v}`);
      return;
    }
    out(heading(`${app} Config Vars`));
    const width = Math.max(0, ...Object.keys(vars).map((k) => k.length)) + 1;
    for (const [k, v] of Object.entries(vars)) out(`${bold(`${k}:`.padEnd(width))} ${v}`);
  },
};

export const configGet: Command = {
  name: "config:get",
  usage: "pier config:get KEY [--app NAME]",
  summary: "print one config var's value (exit 4 when unset)",
  async run({ positionals, flags, settings, out }) {
    const key = positionals[0];
    if (!key) throw new CliError("Usage: pier config:get KEY", EXIT.usage);
    const vars = await api<Vars>(settings, "GET", path(await resolveAppName(flags)));
    if (!(key in vars)) throw new CliError(`${key} is not set. See all with \`pier config\`.`, EXIT.notFound);
    out(vars[key]!);
  },
};

export const configSet: Command = {
  name: "config:set",
  usage: "pier config:set KEY=value [KEY2=value2 ...] [--app NAME] [--json]",
  summary: "set config vars: makes a new release and restarts the app on it",
  examples: ["pier config:set SECRET_KEY=abc DEBUG=0"],
  async run({ positionals, flags, settings, out }) {
    const app = await resolveAppName(flags);
    const vars = await api<Vars>(settings, "PATCH", path(app), parseAssignments(positionals));
    if (flags.json) return out(json(vars));
    out(`Set ${positionals.map((p) => p.split("=")[0]).join(", ")} and restarting ${app}... done, v${await newestVersion(settings, app)}`);
  },
};

export const configUnset: Command = {
  name: "config:unset",
  usage: "pier config:unset KEY [KEY2 ...] [--app NAME]",
  summary: "remove config vars: makes a new release and restarts the app on it",
  async run({ positionals, flags, settings, out }) {
    if (positionals.length === 0) throw new CliError("Usage: pier config:unset KEY [KEY2 ...]", EXIT.usage);
    const app = await resolveAppName(flags);
    const vars = await api<Vars>(settings, "PATCH", path(app), Object.fromEntries(positionals.map((k) => [k, null])));
    if (flags.json) return out(json(vars));
    out(`Unset ${positionals.join(", ")} and restarting ${app}... done, v${await newestVersion(settings, app)}`);
  },
};
