import { spawn } from "node:child_process";
import { api, CliError } from "../api-client.js";
import { resolveAppName } from "../app-name.js";
import type { Command } from "../command.js";
import { EXIT } from "../exit-codes.js";
import { git, insideGitRepo, remoteUrl, appFromGitUrl } from "../git.js";
import { configureGitCredentials } from "../git-credentials.js";
import { fields, heading, json } from "../output.js";
import { printTable } from "../print-table.js";
import { withSpinner } from "../progress.js";

interface AppJson {
  name: string;
  web_url: string;
  git_url: string;
  created_at: string;
  released_at: string | null;
  id: string;
  maintenance: boolean;
  owner: { id: string; email: string | null };
}

/** Points the `pier` remote at the app and lets git use the CLI's token. */
async function setRemote(gitUrl: string): Promise<void> {
  const existing = await remoteUrl("pier");
  await git(existing ? ["remote", "set-url", "pier", gitUrl] : ["remote", "add", "pier", gitUrl]);
  await configureGitCredentials(gitUrl);
}

export const appsList: Command = {
  name: "apps",
  usage: "pier apps [--json]",
  summary: "list your apps (and those you collaborate on)",
  async run({ flags, settings, out }) {
    const [apps, me] = await Promise.all([api<AppJson[]>(settings, "GET", "/apps"), api<{ email: string }>(settings, "GET", "/account")]);
    if (flags.json) return out(json(apps));
    if (apps.length === 0) return out("You have no apps. Create one with `pier apps:create NAME`.");
    const mine = apps.filter((a) => a.owner.email === me.email);
    const others = apps.filter((a) => a.owner.email !== me.email);
    const name = { value: (a: AppJson) => a.name };
    const url = { value: (a: AppJson) => a.web_url };
    if (mine.length) printTable(mine, [name, url], { out, title: `${me.email} Apps` });
    if (others.length) {
      if (mine.length) out("");
      printTable(others, [name, { value: (a) => a.owner.email ?? "" }, url], { out, title: "Collaborated Apps" });
    }
  },
};

export const appsCreate: Command = {
  name: "apps:create",
  usage: "pier apps:create NAME [--json]",
  summary: "create an app (and add the `pier` git remote when run in a git repo)",
  async run({ positionals, flags, settings, out }) {
    const name = positionals[0];
    if (!name) throw new CliError("Usage: pier apps:create NAME", EXIT.usage);
    const app = await withSpinner(`Creating ${name}`, () => api<AppJson>(settings, "POST", "/apps", { name }));
    if (flags.json) out(json(app));
    else out(`Created ${app.name}: ${app.web_url} | ${app.git_url}`);
    if (await insideGitRepo()) {
      await setRemote(app.git_url);
      if (!flags.json) out(`Git remote pier -> ${app.git_url}  (deploy with: git push pier main)`);
    }
  },
};

export const appsInfo: Command = {
  name: "apps:info",
  usage: "pier apps:info [--app NAME] [--json]",
  summary: "show an app",
  async run({ flags, settings, out }) {
    const app = await api<AppJson>(settings, "GET", `/apps/${encodeURIComponent(await resolveAppName(flags))}`);
    if (flags.json) return out(json(app));
    out(heading(app.name));
    for (const line of fields([
      ["Web URL", app.web_url],
      ["Git URL", app.git_url],
      ["Owner", app.owner.email],
      ["Created", app.created_at],
      ["Released", app.released_at ?? "never"],
      ["Maintenance", app.maintenance ? "on" : "off"],
    ])) out(line);
  },
};

export const appsRename: Command = {
  name: "apps:rename",
  usage: "pier apps:rename NEWNAME [--app NAME]",
  summary: "rename an app (its URL and git URL follow; the `pier` remote is updated here)",
  async run({ positionals, flags, settings, out }) {
    const newName = positionals[0];
    if (!newName) throw new CliError("Usage: pier apps:rename NEWNAME [--app NAME]", EXIT.usage);
    const oldName = await resolveAppName(flags);
    const app = await api<AppJson>(settings, "PATCH", `/apps/${encodeURIComponent(oldName)}`, { name: newName });
    out(`Renamed ${oldName} to ${app.name}: ${app.web_url} | ${app.git_url}`);
    const url = (await insideGitRepo()) ? await remoteUrl("pier") : undefined;
    if (url && appFromGitUrl(url) === oldName) {
      await setRemote(app.git_url);
      out(`Git remote pier -> ${app.git_url}`);
    }
  },
};

export const appsDestroy: Command = {
  name: "apps:destroy",
  usage: "pier apps:destroy [NAME] [--app NAME] --confirm NAME",
  summary: "destroy an app, its releases and its instances (irreversible)",
  async run({ positionals, flags, settings, out }) {
    const name = positionals[0] ?? (await resolveAppName(flags));
    if (flags.confirm !== name) {
      throw new CliError(`This destroys ${name} and everything it runs. To proceed, run: pier apps:destroy ${name} --confirm ${name}`, EXIT.usage);
    }
    await api(settings, "DELETE", `/apps/${encodeURIComponent(name)}`);
    out(`Destroyed ${name}`);
    const url = (await insideGitRepo()) ? await remoteUrl("pier") : undefined;
    if (url && appFromGitUrl(url) === name) {
      await git(["remote", "remove", "pier"]);
      out("Removed git remote pier");
    }
  },
};

export const open: Command = {
  name: "open",
  usage: "pier open [PATH] [--app NAME]",
  summary: "open the app in a browser (prints the URL when there is no desktop)",
  async run({ positionals, flags, settings, out }) {
    const app = await api<AppJson>(settings, "GET", `/apps/${encodeURIComponent(await resolveAppName(flags))}`);
    const url = new URL(positionals[0] ?? "", app.web_url).toString();
    out(url);
    if (!process.stdout.isTTY || !(process.env.DISPLAY || process.env.WAYLAND_DISPLAY)) return;
    const child = spawn("xdg-open", [url], { stdio: "ignore", detached: true });
    child.on("error", (err) => process.stderr.write(` !    Could not start a browser (${err.message}); open the URL above.\n`));
    child.unref();
  },
};
