import { api, CliError } from "../api-client.js";
import { resolveAppName } from "../app-name.js";
import type { Command } from "../command.js";
import { EXIT } from "../exit-codes.js";
import { fields, json } from "../output.js";
import { printTable, type Column } from "../print-table.js";
import { prompt } from "../prompt.js";
import { humanSize } from "@pier/backup-core";

export interface Addon {
  id: string;
  name: string;
  kind: "postgres" | "redis" | "mysql";
  plan: { name: string };
  app: { id: string; name: string } | null;
  /** Heroku's: provisioning | provisioned | deprovisioned. */
  state: string;
  /** Pier's: provisioning | available | failed | destroyed. */
  pier_state: string;
  config_vars: string[];
  attachments: { name: string; app: { name: string }; config_var: string }[];
  version: string | null;
  error: string | null;
  purge_after: string | null;
  created_at: string;
  runtime?: { version?: string; size_bytes?: number; connections?: number; error?: string };
}

const enc = encodeURIComponent;
export const addonsPath = (app: string) => `/apps/${enc(app)}/addons`;
const addonPath = (app: string, addon: string) => `${addonsPath(app)}/${enc(addon)}`;

function needAddon(positionals: string[], usage: string): string {
  const addon = positionals[0];
  if (!addon) throw new CliError(`Usage: ${usage}`, EXIT.usage);
  return addon;
}

const stateText = (a: Addon) => (a.pier_state === "destroyed" && a.purge_after ? `destroyed (data kept until ${a.purge_after})` : a.pier_state);

export const addonsList: Command = {
  name: "addons",
  usage: "pier addons [--app NAME] [--json]",
  summary: "the app's database add-ons and the config vars they set",
  async run({ flags, settings, out }) {
    const app = await resolveAppName(flags);
    const addons = await api<Addon[]>(settings, "GET", addonsPath(app));
    if (flags.json) return out(json(addons));
    if (addons.length === 0) return out(`${app} has no add-ons. Add one with: pier addons:create postgres`);
    const columns: Column<Addon>[] = [
      { header: "Add-on", value: (a) => a.name },
      { header: "Plan", value: (a) => a.plan.name },
      { header: "State", value: stateText },
      { header: "Attached as", value: (a) => a.attachments.map((t) => (t.app.name === app ? t.config_var : `${t.app.name}::${t.config_var}`)).join(", ") || "-" },
    ];
    printTable(addons, columns, { out, title: `${app} Add-ons` });
  },
};

export const addonsCreate: Command = {
  name: "addons:create",
  usage: "pier addons:create postgres|redis|mysql [--plan small|standard] [--as NAME] [--name ADDON] [--app NAME]",
  summary: "provision a database; the app gets DATABASE_URL / REDIS_URL / MYSQL_URL (a new release)",
  description:
    "The server runs in a container on a network of the app's own, reachable from its instances and release phase only. Plans: small (256 MB, 20 connections), standard (1 GB, 100 connections). --as sets the config var prefix (--as ANALYTICS gives ANALYTICS_URL). Waits until the server accepts connections.",
  examples: ["pier addons:create postgres", "pier addons:create redis --plan standard --as CACHE"],
  async run({ positionals, flags, settings, out }) {
    const kind = needAddon(positionals, this.usage);
    const app = await resolveAppName(flags);
    const plan = typeof flags.plan === "string" ? `${kind}:${flags.plan}` : kind;
    const body = { plan, ...(typeof flags.name === "string" ? { name: flags.name } : {}), ...(typeof flags.as === "string" ? { attachment: { name: flags.as } } : {}) };
    process.stderr.write(`Creating ${kind} on ${app}... `);
    const addon = await api<Addon>(settings, "POST", addonsPath(app), body);
    process.stderr.write("done\n");
    if (flags.json) return out(json(addon));
    out(`Created ${addon.name} (${addon.plan.name}${addon.version ? `, version ${addon.version}` : ""}) as ${addon.config_vars.join(", ")}`);
  },
};

export const addonsInfo: Command = {
  name: "addons:info",
  usage: "pier addons:info ADDON [--app NAME] [--json]",
  summary: "an add-on's state, version, size on disk and connection count",
  async run({ positionals, flags, settings, out }) {
    const name = needAddon(positionals, this.usage);
    const app = await resolveAppName(flags);
    const a = await api<Addon>(settings, "GET", addonPath(app, name));
    if (flags.json) return out(json(a));
    const rt = a.runtime ?? {};
    out(`=== ${a.name}`);
    for (const line of fields([
      ["Plan", a.plan.name],
      ["Owning app", a.app?.name ?? "(destroyed)"],
      ["State", stateText(a)],
      ["Version", rt.version ?? a.version],
      ["Size", rt.size_bytes === undefined ? undefined : humanSize(rt.size_bytes)],
      ["Connections", rt.connections === undefined ? undefined : String(rt.connections)],
      ["Attachments", a.attachments.map((t) => `${t.app.name}::${t.config_var}`).join(", ") || "-"],
      ["Error", a.error ?? rt.error],
      ["Created", a.created_at],
    ])) out(line);
  },
};

export const addonsAttach: Command = {
  name: "addons:attach",
  usage: "pier addons:attach ADDON --app OTHER_APP [--as NAME]",
  summary: "give another app (one you can operate) an add-on's URL",
  description: "Add-on names are unique: ADDON is found by name. OTHER_APP gets <NAME>_URL (a new release) and its instances reach the server on its own network.",
  async run({ positionals, flags, settings, out }) {
    const addon = needAddon(positionals, this.usage);
    const app = await resolveAppName(flags);
    const body = { addon, app, ...(typeof flags.as === "string" ? { name: flags.as } : {}) };
    const a = await api<Addon>(settings, "POST", "/addon-attachments", body);
    if (flags.json) return out(json(a));
    const t = a.attachments.find((x) => x.app.name === app);
    out(`Attached ${a.name} to ${app} as ${t?.config_var ?? "?"}`);
  },
};

export const addonsDestroy: Command = {
  name: "addons:destroy",
  usage: "pier addons:destroy ADDON --confirm ADDON [--app NAME]",
  summary: "stop an add-on and unset its config vars; its data is kept for the grace period",
  description: "Asks for the add-on's name when run in a terminal without --confirm. Bring it back within the grace period with pier addons:restore.",
  async run({ positionals, flags, settings, out }) {
    const addon = needAddon(positionals, this.usage);
    const app = await resolveAppName(flags);
    let confirm = typeof flags.confirm === "string" ? flags.confirm : undefined;
    if (confirm === undefined && process.stdin.isTTY) confirm = await prompt(`This stops ${addon} and removes its config vars from every app. Type its name to confirm: `);
    if (confirm !== addon) throw new CliError(`Not confirmed. To proceed, run: pier addons:destroy ${addon} --confirm ${addon}`, EXIT.usage);
    const a = await api<Addon>(settings, "DELETE", `${addonPath(app, addon)}?confirm=${enc(confirm)}`);
    if (flags.json) return out(json(a));
    out(`Destroyed ${a.name}; its data is kept until ${a.purge_after ?? "?"} (pier addons:restore ${a.name})`);
  },
};

/** A POST to one of the add-on's actions, its result in one line. */
const addonAction = (c: Pick<Command, "name" | "summary">, action: string, done: (a: Addon) => string): Command => ({
  ...c,
  usage: `pier ${c.name} ADDON [--app NAME]`,
  async run({ positionals, flags, settings, out }) {
    const addon = needAddon(positionals, this.usage);
    const app = await resolveAppName(flags);
    const a = await api<Addon>(settings, "POST", `${addonPath(app, addon)}/actions/${action}`);
    out(flags.json ? json(a) : done(a));
  },
});

export const addonsRotate = addonAction(
  { name: "addons:credentials:rotate", summary: "new password for the add-on; every attached app gets the new URL (a release each)" },
  "rotate-credentials",
  (a) => `Rotated the credentials of ${a.name}; updated ${a.attachments.map((t) => `${t.app.name}::${t.config_var}`).join(", ")}`,
);

export const addonsRestore = addonAction(
  { name: "addons:restore", summary: "bring a destroyed add-on back with its data (within the grace period)" },
  "restore",
  (a) => `Restored ${a.name} as ${a.config_vars.join(", ")}`,
);
