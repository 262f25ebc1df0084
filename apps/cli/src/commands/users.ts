import { api, CliError } from "../api-client.js";
import type { Command } from "../command.js";
import { EXIT } from "../exit-codes.js";
import { json } from "../output.js";
import { printTable, type Column } from "../print-table.js";
import { prompt } from "../prompt.js";

interface User {
  id: string;
  email: string;
  name: string | null;
  admin: boolean;
  has_password: boolean;
  disabled: boolean;
  created_at: string;
}

const roleOf = (u: User) => (u.admin ? "admin" : "member");
const userPath = (ref: string) => `/users/${encodeURIComponent(ref)}`;

export const usersList: Command = {
  name: "users",
  usage: "pier users [--json]",
  summary: "list users (admin)",
  async run({ flags, settings, out }) {
    const users = await api<User[]>(settings, "GET", "/users");
    if (flags.json) return out(json(users));
    const columns: Column<User>[] = [
      { value: (u) => u.email },
      { value: roleOf },
      { value: (u) => (u.disabled ? "disabled" : u.has_password ? "password" : "token only") },
      { value: (u) => u.created_at },
    ];
    printTable(users, columns, { out, title: "Users" });
  },
};

export const usersCreate: Command = {
  name: "users:create",
  usage: "pier users:create EMAIL [--admin] [--name NAME] [--password]",
  summary: "create a user (admin); with --password, asks for one (or reads PIER_NEW_PASSWORD)",
  booleans: ["admin", "password"],
  async run({ positionals, flags, settings, out }) {
    const email = positionals[0];
    if (!email) throw new CliError("Usage: pier users:create EMAIL [--admin] [--password]", EXIT.usage);
    const password = flags.password ? process.env.PIER_NEW_PASSWORD || (await prompt(`Password for ${email}: `, { secret: true })) : undefined;
    const user = await api<User>(settings, "POST", "/users", { email, admin: Boolean(flags.admin), name: typeof flags.name === "string" ? flags.name : undefined, password });
    if (flags.json) return out(json(user));
    out(`Created ${user.admin ? "admin" : "user"} ${user.email}${user.has_password ? "; they can now run `pier login`" : "; give them a password with --password or a token"}`);
  },
};

export const passwd: Command = {
  name: "passwd",
  usage: "pier passwd",
  summary: "set or change your password (reads PIER_PASSWORD and PIER_NEW_PASSWORD when set)",
  async run({ settings, out }) {
    const current = process.env.PIER_PASSWORD ?? (await prompt("Current password (empty if none): ", { secret: true }));
    const password = process.env.PIER_NEW_PASSWORD || (await prompt("New password: ", { secret: true }));
    await api(settings, "PATCH", "/account", { password, current_password: current || undefined });
    out("Password changed.");
  },
};

export const usersRole: Command = {
  name: "users:role",
  usage: "pier users:role EMAIL admin|member",
  summary: "make a user an admin or a member (admin); the last admin cannot be demoted",
  async run({ positionals, flags, settings, out }) {
    const [email, role] = positionals;
    if (!email || (role !== "admin" && role !== "member")) throw new CliError(`Usage: ${usersRole.usage}`, EXIT.usage);
    const user = await api<User>(settings, "PATCH", userPath(email), { role });
    if (flags.json) return out(json(user));
    out(`${user.email} is now ${roleOf(user) === "admin" ? "an admin" : "a member"}`);
  },
};

function disableCommand(disabled: boolean): Command {
  const name = disabled ? "users:disable" : "users:enable";
  return {
    name,
    usage: `pier ${name} EMAIL`,
    summary: disabled ? "stop a user signing in; their tokens and SSH keys stop working (admin)" : "let a disabled user sign in again, with their tokens and keys (admin)",
    async run({ positionals, flags, settings, out }) {
      if (!positionals[0]) throw new CliError(`Usage: pier ${name} EMAIL`, EXIT.usage);
      const user = await api<User>(settings, "PATCH", userPath(positionals[0]), { disabled });
      if (flags.json) return out(json(user));
      out(`${disabled ? "Disabled" : "Enabled"} ${user.email}`);
    },
  };
}
export const usersDisable = disableCommand(true);
export const usersEnable = disableCommand(false);

export const usersRemove: Command = {
  name: "users:remove",
  usage: "pier users:remove EMAIL --confirm EMAIL [--transfer-to EMAIL]",
  summary: "delete a user with their tokens and keys (admin); apps they own go to --transfer-to",
  description: "Refused while the user owns apps (they are named): destroy them, or give them to another user with --transfer-to. The last admin cannot be removed.",
  async run({ positionals, flags, settings, out }) {
    const email = positionals[0];
    if (!email) throw new CliError(`Usage: ${usersRemove.usage}`, EXIT.usage);
    if (flags.confirm !== email) throw new CliError(`This deletes ${email} and their tokens. To proceed, run: pier users:remove ${email} --confirm ${email}`, EXIT.usage);
    const heir = typeof flags["transfer-to"] === "string" ? flags["transfer-to"] : undefined;
    await api(settings, "DELETE", `${userPath(email)}${heir ? `?transfer_to=${encodeURIComponent(heir)}` : ""}`);
    out(`Removed ${email}${heir ? `; their apps now belong to ${heir}` : ""}`);
  },
};
