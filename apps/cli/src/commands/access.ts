import { api, CliError } from "../api-client.js";
import { resolveAppName } from "../app-name.js";
import type { Command } from "../command.js";
import { EXIT } from "../exit-codes.js";
import { json } from "../output.js";
import { printTable } from "../print-table.js";

interface Collaborator {
  id: string;
  user: { email: string };
  role: string;
  created_at: string;
}
interface AppInfo {
  owner: { email: string | null };
}

const path = (app: string) => `/apps/${encodeURIComponent(app)}/collaborators`;

export const accessList: Command = {
  name: "access",
  usage: "pier access [--app NAME] [--json]",
  summary: "who can use an app: its owner and collaborators",
  async run({ flags, settings, out }) {
    const app = await resolveAppName(flags);
    const [info, collaborators] = await Promise.all([api<AppInfo>(settings, "GET", `/apps/${encodeURIComponent(app)}`), api<Collaborator[]>(settings, "GET", path(app))]);
    if (flags.json) return out(json({ owner: info.owner, collaborators }));
    const people = [{ email: info.owner.email ?? "?", role: "owner" }, ...collaborators.map((c) => ({ email: c.user.email, role: c.role }))];
    printTable(people, [{ value: (p) => p.email }, { value: (p) => p.role }], { out, title: `${app} Access` });
  },
};

export const accessAdd: Command = {
  name: "access:add",
  usage: "pier access:add EMAIL [--app NAME]",
  summary: "let another user deploy and operate the app (owner or admin)",
  async run({ positionals, flags, settings, out }) {
    const email = positionals[0];
    if (!email) throw new CliError("Usage: pier access:add EMAIL [--app NAME]", EXIT.usage);
    const app = await resolveAppName(flags);
    await api(settings, "POST", path(app), { user: email });
    out(`Added ${email} to ${app} as a collaborator`);
  },
};

export const accessRemove: Command = {
  name: "access:remove",
  usage: "pier access:remove EMAIL [--app NAME]",
  summary: "take a collaborator off the app (owner or admin)",
  async run({ positionals, flags, settings, out }) {
    const email = positionals[0];
    if (!email) throw new CliError("Usage: pier access:remove EMAIL [--app NAME]", EXIT.usage);
    const app = await resolveAppName(flags);
    await api(settings, "DELETE", `${path(app)}/${encodeURIComponent(email)}`);
    out(`Removed ${email} from ${app}`);
  },
};
