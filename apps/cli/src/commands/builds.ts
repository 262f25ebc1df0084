import { apiResponse, CliError } from "../api-client.js";
import { resolveAppName } from "../app-name.js";
import type { Command } from "../command.js";
import { EXIT, exitCodeForStatus } from "../exit-codes.js";
import { numFlag } from "../args.js";
import { age, green, json, red } from "../output.js";
import { printTable, type Column } from "../print-table.js";

interface Build {
  id: string;
  status: "pending" | "succeeded" | "failed";
  created_at: string;
  source_blob: { version: string | null };
  buildpacks: { name: string }[];
  error: string | null;
}

const buildsPath = (app: string) => `/apps/${encodeURIComponent(app)}/builds`;
const statusColour = (text: string, b: Build) => (b.status === "failed" ? red(text) : b.status === "succeeded" ? green(text) : text);

export const buildsList: Command = {
  name: "builds",
  usage: "pier builds [--app NAME] [--num N] [--json]",
  summary: "list an app's builds, newest first",
  async run({ flags, settings, out }) {
    const app = await resolveAppName(flags);
    const { data } = await apiResponse<Build[]>(settings, "GET", buildsPath(app), undefined, { Range: `created_at ..; max=${numFlag(flags, 15)}, order=desc` });
    if (flags.json) return out(json(data));
    const columns: Column<Build>[] = [
      { value: (b) => b.id.slice(0, 8) },
      { value: (b) => b.status, colour: statusColour },
      { value: (b) => b.buildpacks[0]?.name ?? "" },
      { value: (b) => (b.source_blob.version ?? "").slice(0, 8) },
      { value: (b) => age(b.created_at) },
      { value: (b) => b.error ?? "" },
    ];
    printTable(data, columns, { out, title: `${app} Builds`, empty: `${app} has no builds yet. Deploy with: git push pier main` });
  },
};

export const buildsOutput: Command = {
  name: "builds:output",
  usage: "pier builds:output ID [--app NAME]",
  summary: "show a build's output (follows it while it runs)",
  description: "ID is a build id from `pier builds` (its first 8 characters are enough).",
  async run({ positionals, flags, settings }) {
    const app = await resolveAppName(flags);
    const id = positionals[0];
    if (!id) throw new CliError("Which build? Usage: pier builds:output ID (ids are in `pier builds`).", EXIT.usage);
    let res: Response;
    try {
      res = await fetch(`${settings.apiUrl}${buildsPath(app)}/${encodeURIComponent(id)}/output`, {
        headers: { Authorization: `Bearer ${settings.token ?? ""}`, Accept: "text/plain" },
      });
    } catch (err) {
      throw new CliError(`Cannot reach the Pier API at ${settings.apiUrl} (${(err as Error).message}). Is Pier running?`, EXIT.unavailable);
    }
    if (!res.ok || !res.body) {
      const body = (await res.json().catch(() => ({}))) as { message?: string };
      throw new CliError(body.message ?? `The API answered HTTP ${res.status}.`, exitCodeForStatus(res.status));
    }
    for await (const chunk of res.body as AsyncIterable<Uint8Array>) process.stdout.write(chunk);
  },
};

export const buildsCachePurge: Command = {
  name: "builds:cache:purge",
  usage: "pier builds:cache:purge [--app NAME] [--confirm NAME]",
  summary: "make the next build install everything from scratch",
  description: "Drops the app's installed dependencies and package caches (pip, npm, yarn) when its next build starts.",
  async run({ flags, settings, out }) {
    const app = await resolveAppName(flags);
    if (flags.confirm !== app) throw new CliError(`This purges ${app}'s build cache: run again with --confirm ${app}.`, EXIT.usage);
    const { data } = await apiResponse<{ message: string }>(settings, "DELETE", `/apps/${encodeURIComponent(app)}/build-cache`);
    out(data.message);
  },
};
