import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { humanSize } from "@pier/backup-core";
import { api, CliError } from "../api-client.js";
import { resolveAppName } from "../app-name.js";
import type { Command, CommandContext } from "../command.js";
import { EXIT } from "../exit-codes.js";
import { json } from "../output.js";
import { printTable, type Column } from "../print-table.js";
import { waitFor } from "../progress.js";
import type { Settings } from "../settings.js";

interface Backup {
  id: string;
  name: string;
  state: "pending" | "running" | "succeeded" | "failed";
  trigger: "manual" | "scheduled";
  addon: { id: string; name: string; kind: string };
  size_bytes: number | null;
  sha256: string | null;
  error: string | null;
  created_at: string;
  finished_at: string | null;
}

interface Schedule {
  enabled: boolean;
  hour_utc: number;
  retain: number;
  custom: boolean;
}

const enc = encodeURIComponent;
const backupsPath = (app: string, addon: string) => `/apps/${enc(app)}/addons/${enc(addon)}/backups`;
const schedulePath = (app: string, addon: string) => `/apps/${enc(app)}/addons/${enc(addon)}/backup-schedule`;

/** The --addon flag, or the app's only add-on; several add-ons need the flag. */
async function resolveAddon(settings: Settings, app: string, flags: CommandContext["flags"]): Promise<string> {
  if (typeof flags.addon === "string") return flags.addon;
  const addons = await api<{ name: string }[]>(settings, "GET", `/apps/${enc(app)}/addons`);
  if (addons.length === 1) return addons[0]!.name;
  if (addons.length === 0) throw new CliError(`${app} has no add-ons to back up (create one with pier addons:create postgres).`, EXIT.notFound);
  throw new CliError(`${app} has several add-ons (${addons.map((a) => a.name).join(", ")}): name one with --addon NAME.`, EXIT.usage);
}

/** A size from the API ("-" when there is none). add-ons' listings use it too. */
/** A backup's size, "-" while it has none. */
const size = (n: number | null) => (n === null ? "-" : humanSize(n));
const status = (b: Backup) => (b.state === "failed" && b.error ? `failed: ${b.error}` : b.state);

export const backupsList: Command = {
  name: "backups",
  usage: "pier backups [--addon NAME] [--app NAME] [--json]",
  summary: "database add-on backups with their state, size and when they finished",
  description: "Without --addon, lists the backups of every add-on of the app. A failed backup shows its reason.",
  async run({ flags, settings, out }) {
    const app = await resolveAppName(flags);
    const addons = typeof flags.addon === "string" ? [flags.addon] : (await api<{ name: string }[]>(settings, "GET", `/apps/${enc(app)}/addons`)).map((a) => a.name);
    const backups = (await Promise.all(addons.map((a) => api<Backup[]>(settings, "GET", backupsPath(app, a))))).flat();
    if (flags.json) return out(json(backups));
    const columns: Column<Backup>[] = [
      { header: "ID", value: (b) => b.name },
      { header: "Add-on", value: (b) => b.addon.name },
      { header: "Taken", value: (b) => b.created_at.replace("T", " ").slice(0, 19) },
      { header: "Status", value: status },
      { header: "Size", value: (b) => size(b.size_bytes) },
      { header: "Trigger", value: (b) => b.trigger },
    ];
    printTable(backups, columns, { out, title: `${app} Backups`, empty: `${app} has no backups yet (take one with pier backups:capture).` });
  },
};

export const backupsCapture: Command = {
  name: "backups:capture",
  usage: "pier backups:capture [--addon NAME] [--app NAME] [--json]",
  summary: "take a backup now and wait until it has finished",
  description: "pg_dump (custom format), mysqldump or a Redis RDB snapshot, gzip-compressed and checksummed into the backup directory. Exits 1 when the backup fails, with its reason.",
  async run({ flags, settings, out }) {
    const app = await resolveAppName(flags);
    const addon = await resolveAddon(settings, app, flags);
    const started = await api<Backup>(settings, "POST", backupsPath(app, addon));
    const done = await waitFor({
      label: `Backing up ${addon} (${started.name})`,
      poll: async () => {
        const b = await api<Backup>(settings, "GET", `${backupsPath(app, addon)}/${enc(started.id)}`);
        return b.state === "succeeded" || b.state === "failed" ? { done: true, value: b } : { done: false, text: b.state };
      },
      timeoutMessage: `Backup ${started.name} is still running: follow it with pier backups --addon ${addon}.`,
      timeoutMs: 6 * 3600_000,
    });
    if (flags.json) out(json(done));
    if (done.state === "failed") throw new CliError(`Backup ${done.name} of ${addon} failed: ${done.error ?? "see pier logs --source pier"}`);
    if (!flags.json) out(`Backup ${done.name} of ${addon} succeeded: ${size(done.size_bytes)}, sha256 ${done.sha256}`);
  },
};

/** ID, app and add-on of the commands that act on one backup. */
async function oneBackup({ positionals, flags, settings }: CommandContext, usage: string): Promise<{ id: string; app: string; addon: string; path: string }> {
  const id = positionals[0];
  if (!id) throw new CliError(`Usage: ${usage}`, EXIT.usage);
  const app = await resolveAppName(flags);
  const addon = await resolveAddon(settings, app, flags);
  return { id, app, addon, path: `${backupsPath(app, addon)}/${enc(id)}` };
}

export const backupsInfo: Command = {
  name: "backups:info",
  usage: "pier backups:info ID [--addon NAME] [--app NAME] [--json]",
  summary: "one backup: state, size, checksum, reason of a failure",
  async run(ctx) {
    const { flags, settings, out } = ctx;
    const { path } = await oneBackup(ctx, this.usage);
    const b = await api<Backup>(settings, "GET", path);
    if (flags.json) return out(json(b));
    const rows: [string, string][] = [
      ["ID", b.name], ["Add-on", `${b.addon.name} (${b.addon.kind})`], ["Status", status(b)], ["Trigger", b.trigger],
      ["Taken", b.created_at], ["Finished", b.finished_at ?? "-"], ["Size", size(b.size_bytes)], ["SHA-256", b.sha256 ?? "-"],
    ];
    printTable(rows, [{ value: (r) => `${r[0]}:` }, { value: (r) => r[1] }], { out, title: `${b.addon.name} ${b.name}` });
  },
};

export const backupsRestore: Command = {
  name: "backups:restore",
  usage: "pier backups:restore ID [--addon NAME] [--to ADDON [--to-app APP]] [--app NAME] --confirm ADDON",
  summary: "replace an add-on's data with a backup (its own, or another add-on of the same kind)",
  description: "The stored file is checked against its sha256 first: a changed file is refused and nothing is touched. PostgreSQL: pg_restore --clean --if-exists; MySQL: the dump is replayed; Redis: the server restarts on the snapshot.",
  async run(ctx) {
    const { flags, settings, out } = ctx;
    const { id, addon, path } = await oneBackup(ctx, this.usage);
    const to = typeof flags.to === "string" ? flags.to : addon;
    if (flags.confirm !== to) throw new CliError(`This replaces the data of ${to}. To proceed, run: pier backups:restore ${id} --addon ${addon} --to ${to} --confirm ${to}`, EXIT.usage);
    const body = { confirm: to, ...(typeof flags.to === "string" ? { to } : {}), ...(typeof flags["to-app"] === "string" ? { to_app: flags["to-app"] } : {}) };
    const r = await api<{ message: string }>(settings, "POST", `${path}/actions/restore`, body);
    out(flags.json ? json(r) : r.message);
  },
};

export const backupsDownload: Command = {
  name: "backups:download",
  usage: "pier backups:download ID [--addon NAME] [--app NAME] [-o FILE]",
  summary: "save a backup's gzip file, checking its sha256",
  description: "Writes ADDON-ID.dump.gz (PostgreSQL custom format: pg_restore), .sql.gz (MySQL) or .rdb.gz (Redis) unless -o names the file. A file that does not match the checksum the API sent is deleted and the command exits 1.",
  async run(ctx) {
    const { flags, settings, out } = ctx;
    const { id, addon, path } = await oneBackup(ctx, this.usage);
    const res = await fetch(`${settings.apiUrl}${path}/download`, { headers: { Authorization: `Bearer ${settings.token}` } }).catch((err: Error) => {
      throw new CliError(`Cannot reach the Pier API at ${settings.apiUrl} (${err.message}).`, EXIT.unavailable);
    });
    if (!res.ok || !res.body) {
      const message = ((await res.json().catch(() => ({}))) as { message?: string }).message ?? `The API answered HTTP ${res.status}.`;
      throw new CliError(message, res.status === 404 ? EXIT.notFound : res.status === 409 ? EXIT.conflict : EXIT.failure);
    }
    const expected = res.headers.get("x-checksum-sha256");
    const suggested = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? `${addon}-${id}.gz`;
    const file = typeof flags.o === "string" ? flags.o : typeof flags.output === "string" ? flags.output : suggested;
    const hash = createHash("sha256");
    const hashing = new Transform({ transform: (chunk: Buffer, _e, done) => done(null, (hash.update(chunk), chunk)) });
    await pipeline(Readable.fromWeb(res.body as never), hashing, createWriteStream(file, { mode: 0o600 }));
    const actual = hash.digest("hex");
    if (!expected || actual !== expected) {
      await rm(file, { force: true });
      throw new CliError(`The download does not match the backup's checksum (expected ${expected ?? "none sent"}, got ${actual}); the file was deleted. Try again.`);
    }
    out(`Saved ${file} (sha256 ${actual}, checked)`);
  },
};

export const backupsDelete: Command = {
  name: "backups:delete",
  usage: "pier backups:delete ID [--addon NAME] [--app NAME] --confirm ID",
  summary: "delete a finished backup and its file",
  async run(ctx) {
    const { flags, settings, out } = ctx;
    const id = ctx.positionals[0];
    if (id && flags.confirm !== id) throw new CliError(`This deletes backup ${id} for good. To proceed, run: pier backups:delete ${id} --confirm ${id}`, EXIT.usage);
    const { addon, path } = await oneBackup(ctx, this.usage);
    const b = await api<Backup>(settings, "DELETE", path);
    out(flags.json ? json(b) : `Deleted backup ${b.name} of ${addon}`);
  },
};

export const backupsSchedule: Command = {
  name: "backups:schedule",
  usage: "pier backups:schedule [--addon NAME] [--hour 0-23] [--retain N] [--off|--on] [--app NAME]",
  summary: "show or change the daily backup: the hour (UTC) and how many successful backups are kept",
  description: "Without options, shows the schedule. Add-ons without their own follow the installation's default (PIER_BACKUP_HOUR, default 2 UTC; PIER_BACKUP_RETAIN, default 7). Retention never deletes the only successful backup.",
  booleans: ["off", "on"],
  async run({ flags, settings, out }) {
    const app = await resolveAppName(flags);
    const addon = await resolveAddon(settings, app, flags);
    const int = (key: string) => {
      const raw = flags[key];
      if (raw === undefined) return undefined;
      if (typeof raw !== "string" || !/^\d+$/.test(raw)) throw new CliError(`--${key} takes a whole number`, EXIT.usage);
      return Number(raw);
    };
    const change = { hour_utc: int("hour"), retain: int("retain"), enabled: flags.off ? false : flags.on ? true : undefined };
    const changing = Object.values(change).some((v) => v !== undefined);
    const s = changing ? await api<Schedule>(settings, "PATCH", schedulePath(app, addon), change) : await api<Schedule>(settings, "GET", schedulePath(app, addon));
    if (flags.json) return out(json(s));
    out(s.enabled ? `${addon} is backed up daily at ${String(s.hour_utc).padStart(2, "0")}:00 UTC; the ${s.retain} newest successful backups are kept${s.custom ? "" : " (installation default)"}.` : `Daily backups of ${addon} are off.`);
  },
};
