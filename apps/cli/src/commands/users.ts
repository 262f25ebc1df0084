import { api, CliError } from "../api-client.js";
import type { Command } from "../command.js";
import { EXIT } from "../exit-codes.js";
import { heading, json, table } from "../output.js";
import { prompt } from "../prompt.js";

interface User {
  id: string;
  email: string;
  name: string | null;
  admin: boolean;
  has_password: boolean;
  created_at: string;
}

export const usersList: Command = {
  name: "users",
  usage: "pier users [--json]",
  summary: "list users (admin)",
  async run({ flags, settings, out }) {
    const users = await api<User[]>(settings, "GET", "/users");
    if (flags.json) return out(json(users));
    out(heading("Users"));
    for (const line of table(users.map((u) => [u.email, u.admin ? "admin" : "user", u.has_password ? "password" : "token only", u.created_at]))) out(line);
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
