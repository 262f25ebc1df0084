import { api, CliError } from "../api-client.js";
import { resolveAppName } from "../app-name.js";
import type { Command } from "../command.js";
import { git, insideGitRepo, remoteUrl, appFromGitUrl } from "../git.js";
import { configureGitCredentials } from "../git-credentials.js";

interface AppJson {
  name: string;
  web_url: string;
  git_url: string;
  created_at: string;
  id: string;
}

export const appsList: Command = {
  name: "apps",
  usage: "pier apps [--json]",
  summary: "list your apps",
  async run({ flags, settings, out }) {
    const apps = await api<AppJson[]>(settings, "GET", "/apps");
    if (flags.json) return out(JSON.stringify(apps, null, 2));
    if (apps.length === 0) return out("You have no apps. Create one with `pier apps:create NAME`.");
    out("=== Apps");
    for (const a of apps) out(`${a.name.padEnd(32)} ${a.web_url}`);
  },
};

export const appsCreate: Command = {
  name: "apps:create",
  usage: "pier apps:create NAME [--json]",
  summary: "create an app (and add the `pier` git remote when run in a git repo)",
  async run({ positionals, flags, settings, out }) {
    const name = positionals[0];
    if (!name) throw new CliError("Usage: pier apps:create NAME");
    const app = await api<AppJson>(settings, "POST", "/apps", { name });
    if (flags.json) out(JSON.stringify(app, null, 2));
    else out(`Created ${app.name}: ${app.web_url} | ${app.git_url}`);
    if (await insideGitRepo()) {
      const existing = await remoteUrl("pier");
      await git(existing ? ["remote", "set-url", "pier", app.git_url] : ["remote", "add", "pier", app.git_url]);
      await configureGitCredentials(app.git_url);
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
    if (flags.json) return out(JSON.stringify(app, null, 2));
    out(`=== ${app.name}`);
    out(`Web URL:    ${app.web_url}`);
    out(`Git URL:    ${app.git_url}`);
    out(`Created:    ${app.created_at}`);
  },
};

export const appsDestroy: Command = {
  name: "apps:destroy",
  usage: "pier apps:destroy [--app NAME] --confirm NAME",
  summary: "destroy an app, its releases and its instances (irreversible)",
  async run({ positionals, flags, settings, out }) {
    const name = positionals[0] ?? (await resolveAppName(flags));
    if (flags.confirm !== name) {
      throw new CliError(`This destroys ${name} and everything it runs. To proceed, run: pier apps:destroy ${name} --confirm ${name}`);
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
