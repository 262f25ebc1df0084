import { api, apiResponse, CliError } from "../api-client.js";
import { resolveAppName } from "../app-name.js";
import type { Command } from "../command.js";
import { EXIT } from "../exit-codes.js";
import type { Settings } from "../settings.js";
import { numFlag } from "../args.js";
import { age, fields, green, heading, json, red } from "../output.js";
import { printTable, type Column } from "../print-table.js";
import { waitFor } from "../progress.js";

interface Release {
  id: string;
  version: number;
  description: string;
  status: "pending" | "succeeded" | "failed";
  current: boolean;
  eligible_for_rollback: boolean;
  created_at: string;
  user: { email: string } | null;
  error: string | null;
}

const releasesPath = (app: string) => `/apps/${encodeURIComponent(app)}/releases`;

/** The app's newest releases, newest first (Heroku's `Range: version ..; order=desc`). */
export async function newestReleases(settings: Settings, app: string, max: number): Promise<Release[]> {
  return (await apiResponse<Release[]>(settings, "GET", releasesPath(app), undefined, { Range: `version ..; max=${max}, order=desc` })).data;
}
const statusText = (r: Release) => (r.status === "succeeded" ? (r.current ? "current" : "") : r.status);
const statusColour = (text: string, r: Release) => (r.status === "failed" ? red(text) : r.current ? green(text) : text);

export const releasesList: Command = {
  name: "releases",
  usage: "pier releases [--app NAME] [--num N] [--json]",
  summary: "list an app's releases, newest first",
  async run({ flags, settings, out }) {
    const app = await resolveAppName(flags);
    const data = await newestReleases(settings, app, numFlag(flags, 15));
    if (flags.json) return out(json(data));
    const columns: Column<Release>[] = [
      { value: (r) => `v${r.version}` },
      { value: (r) => r.description },
      { value: (r) => r.user?.email ?? "pier" },
      { value: (r) => age(r.created_at) },
      { value: statusText, colour: statusColour },
    ];
    printTable(data, columns, { out, title: `${app} Releases`, empty: `${app} has no releases yet. Deploy with: git push pier main` });
  },
};

export const releasesInfo: Command = {
  name: "releases:info",
  usage: "pier releases:info [vN] [--app NAME] [--json]",
  summary: "show one release (the newest when no version is given)",
  async run({ positionals, flags, settings, out }) {
    const app = await resolveAppName(flags);
    let release: Release | undefined;
    if (positionals[0]) release = await api<Release>(settings, "GET", `${releasesPath(app)}/${encodeURIComponent(positionals[0])}`);
    else release = (await newestReleases(settings, app, 1))[0];
    if (!release) throw new CliError(`${app} has no releases yet.`, EXIT.notFound);
    if (flags.json) return out(json(release));
    out(heading(`Release v${release.version}`));
    for (const line of fields([
      ["Description", release.description],
      ["By", release.user?.email ?? "pier"],
      ["When", release.created_at],
      ["Status", release.status + (release.current ? " (current)" : "")],
      ["Error", release.error],
    ])) out(line);
  },
};

export const rollbackCommand: Command = {
  name: "rollback",
  usage: "pier rollback [vN] [--app NAME] [--wait]",
  summary: "deploy an earlier release's image and config again, as a new release (default: the one before the current)",
  description: "With --wait, returns once the new release is deployed (exit 1 if its deploy fails).",
  booleans: ["wait"],
  async run({ positionals, flags, settings, out }) {
    const app = await resolveAppName(flags);
    let target = positionals[0];
    if (!target) {
      const data = await newestReleases(settings, app, 100);
      const current = data.findIndex((r) => r.current);
      const previous = data.slice(current + 1).find((r) => r.eligible_for_rollback);
      if (current < 0 || !previous) throw new CliError(`${app} has no earlier release to roll back to. See \`pier releases\`.`, EXIT.notFound);
      target = previous.id;
    }
    const made = await api<Release>(settings, "POST", releasesPath(app), { release: target });
    if (!flags.wait) return out(`Rolling back ${app}... ${made.description}, v${made.version} (deploying; see \`pier releases\`)`);
    const done = await waitFor({
      label: `Rolling back ${app} to ${made.description.replace(/^Rollback to /, "")}`,
      poll: async () => {
        const r = await api<Release>(settings, "GET", `${releasesPath(app)}/${made.id}`);
        return r.status === "pending" ? { done: false, text: `v${r.version} deploying` } : { done: true, value: r };
      },
      timeoutMessage: `v${made.version} is still deploying: follow it with \`pier releases\`.`,
    });
    if (done.status === "failed") throw new CliError(`v${done.version} failed to deploy: ${done.error ?? "see pier logs"}. The previous release keeps serving.`);
    out(`Rolled back ${app}: v${done.version} (${done.description}) is deployed`);
  },
};
