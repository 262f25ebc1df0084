import { api, CliError } from "../api-client.js";
import { resolveAppName } from "../app-name.js";
import type { Command } from "../command.js";
import { EXIT } from "../exit-codes.js";
import { age, green, json, red, yellow } from "../output.js";
import { printTable, type Column } from "../print-table.js";
import { waitFor } from "../progress.js";
import { parseScaleArgs } from "../scale-args.js";

interface Dyno {
  name: string;
  type: string;
  state: string;
  command: string;
  size: string;
  host: string;
  restarts: number;
  started_at: string | null;
  updated_at: string;
  release: { version: number };
  exit_code: number | null;
}

interface Formation {
  type: string;
  quantity: number;
  size: string;
  command: string | null;
}

const appPath = (app: string, rest: string) => `/apps/${encodeURIComponent(app)}/${rest}`;
const stateText = (d: Dyno) => (d.state === "crashed" && d.exit_code !== null ? `crashed (exit ${d.exit_code})` : d.state);
const stateColour = (text: string, d: Dyno) => (d.state === "up" ? green(text) : d.state === "crashed" ? red(text) : yellow(text));
const DYNO_COLUMNS: Column<Dyno>[] = [
  { value: (d) => d.name },
  { value: stateText, colour: stateColour },
  { value: (d) => d.host },
  { value: (d) => age(d.started_at ?? d.updated_at) },
  { value: (d) => `v${d.release.version}` },
  { value: (d) => `${d.restarts} restart${d.restarts === 1 ? "" : "s"}` },
];
const formationLine = (f: Formation) => `${f.type}=${f.quantity}:${f.size}`;

export const ps: Command = {
  name: "ps",
  usage: "pier ps [TYPE] [--app NAME] [--json]",
  summary: "list an app's instances: state, host, age, release, restarts",
  async run({ positionals, flags, settings, out }) {
    const app = await resolveAppName(flags);
    const dynos = (await api<Dyno[]>(settings, "GET", appPath(app, "dynos"))).filter((d) => !positionals[0] || d.type === positionals[0]);
    if (flags.json) return out(json(dynos));
    if (dynos.length === 0) return out(`${app} has no running instances. Scale with: pier ps:scale web=1`);
    for (const type of [...new Set(dynos.map((d) => d.type))]) {
      const ofType = dynos.filter((d) => d.type === type);
      printTable(ofType, DYNO_COLUMNS, { out, title: `${type} (${ofType[0]!.size}): ${ofType[0]!.command}` });
      out("");
    }
  },
};

export const psScale: Command = {
  name: "ps:scale",
  usage: "pier ps:scale TYPE=N[:SIZE] ... [--app NAME] [--wait]   (N may be +1 or -1)",
  summary: "set how many instances of each process type run (and their size)",
  description: "With --wait, returns once exactly that many instances of each type are up (progress on a terminal).",
  booleans: ["wait"],
  async run({ positionals, flags, settings, out }) {
    const app = await resolveAppName(flags);
    if (positionals.length === 0) {
      const formation = await api<Formation[]>(settings, "GET", appPath(app, "formation"));
      return out(formation.map(formationLine).join(" ") || `${app} has no process types yet.`);
    }
    const parsed = parseScaleArgs(positionals);
    if ("bad" in parsed) throw new CliError(`"${parsed.bad}" is not TYPE=N, TYPE=N:SIZE, TYPE+N or TYPE-N (e.g. pier ps:scale web=3 worker=1).`, EXIT.usage);
    const changed = await api<Formation[]>(settings, "PATCH", appPath(app, "formation"), { updates: parsed.updates });
    out(`Scaling ${app}: ${changed.map(formationLine).join(", ")}`);
    if (flags.wait) {
      await waitFor({
        label: `Scaling ${app}`,
        poll: async () => {
          const dynos = await api<Dyno[]>(settings, "GET", appPath(app, "dynos"));
          const progress = changed.map((f) => ({ f, up: dynos.filter((d) => d.type === f.type && d.state === "up" && d.size === f.size).length, all: dynos.filter((d) => d.type === f.type).length }));
          const text = progress.map((p) => `${p.f.type} ${p.up}/${p.f.quantity} up`).join(", ");
          return progress.every((p) => p.up === p.f.quantity && p.all === p.f.quantity) ? { done: true, value: text } : { done: false, text };
        },
        timeoutMessage: `${app} has not converged yet: see \`pier ps\` (a crashing process shows there and in \`pier logs\`).`,
      });
      out(`${app} is running ${changed.map(formationLine).join(", ")}`);
    }
  },
};

export const psResize: Command = {
  name: "ps:resize",
  usage: "pier ps:resize TYPE=SIZE ... [--app NAME]   (basic, standard, performance-m, performance-l)",
  summary: "change the size of a process type's instances (replaced one by one)",
  async run({ positionals, flags, settings, out }) {
    const app = await resolveAppName(flags);
    const updates = positionals.map((p) => {
      const m = /^([a-z][a-z0-9_-]*)=([a-z0-9-]+)$/.exec(p);
      if (!m) throw new CliError(`"${p}" is not TYPE=SIZE (e.g. pier ps:resize web=standard).`, EXIT.usage);
      return { type: m[1]!, size: m[2]! };
    });
    if (updates.length === 0) throw new CliError(`Usage: ${psResize.usage}`, EXIT.usage);
    const changed = await api<Formation[]>(settings, "PATCH", appPath(app, "formation"), { updates });
    out(`Resizing ${app}: ${changed.map(formationLine).join(", ")}`);
  },
};

export const psRestart: Command = {
  name: "ps:restart",
  usage: "pier ps:restart [TYPE|TYPE.N] [--app NAME]",
  summary: "restart instances (each replacement starts before its old instance stops)",
  async run({ positionals, flags, settings, out }) {
    const app = await resolveAppName(flags);
    const target = positionals[0];
    await api(settings, "DELETE", appPath(app, target ? `dynos/${encodeURIComponent(target)}` : "dynos"));
    out(`Restarting ${target ?? "all instances"} of ${app}`);
  },
};
