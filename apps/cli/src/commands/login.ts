import { api, apiResponse, CliError } from "../api-client.js";
import type { Command } from "../command.js";
import { EXIT } from "../exit-codes.js";
import { fields, json } from "../output.js";
import { prompt } from "../prompt.js";
import { readStoredSettings, settingsPath, writeStoredSettings } from "../settings.js";

interface Account {
  id: string;
  email: string;
  name: string | null;
  admin: boolean;
}

export const login: Command = {
  name: "login",
  usage: "pier login [--email EMAIL] [--token TOKEN] [--api-url URL]",
  summary: "log in with email and password (or an API token) and store the token for this machine",
  description:
    "Asks for email and password (the password is not echoed; PIER_PASSWORD is read instead when set) and stores\n" +
    "a new API token in ~/.config/pier/config.json. With --token, checks and stores that token instead.",
  examples: ["pier login", "pier login --email me@example.com", "pier login --token pier_xxx --api-url https://pier.example.com"],
  async run({ flags, settings, out }) {
    const apiUrl = typeof flags["api-url"] === "string" ? flags["api-url"].replace(/\/+$/, "") : settings.apiUrl;
    let token = typeof flags.token === "string" ? flags.token : undefined;
    if (!token) {
      const email = typeof flags.email === "string" ? flags.email : await prompt("Email: ");
      const password = process.env.PIER_PASSWORD || (await prompt("Password: ", { secret: true }));
      if (!email || !password) throw new CliError("Email and password are both needed (or pass --token TOKEN).", EXIT.usage);
      const res = await apiResponse<{ token: string }>({ apiUrl }, "POST", "/auth/login", { email, password, token_name: `pier CLI on ${process.env.HOSTNAME ?? "this machine"}` }, {}, { anonymous: true });
      token = res.data.token;
    }
    const account = await api<Account>({ apiUrl, token }, "GET", "/account");
    await writeStoredSettings({ apiUrl, token });
    out(`Logged in to ${apiUrl} as ${account.email} (saved in ${settingsPath()})`);
  },
};

export const logout: Command = {
  name: "logout",
  usage: "pier logout",
  summary: "revoke the stored token and forget it",
  async run({ settings, out }) {
    const stored = await readStoredSettings();
    if (!stored.token) throw new CliError("Not logged in on this machine (nothing stored).", EXIT.unauthorized);
    // A token that no longer works is forgotten all the same.
    await apiResponse({ apiUrl: stored.apiUrl ?? settings.apiUrl, token: stored.token }, "POST", "/auth/logout").catch((err: CliError) => {
      if (err.exitCode !== EXIT.unauthorized) throw err;
    });
    await writeStoredSettings({ apiUrl: stored.apiUrl ?? settings.apiUrl });
    out("Logged out: the token is revoked and removed from this machine.");
  },
};

export const whoami: Command = {
  name: "whoami",
  usage: "pier whoami [--json]",
  summary: "show the account the CLI acts as",
  async run({ flags, settings, out }) {
    const account = await api<Account>(settings, "GET", "/account");
    if (flags.json) return out(json(account));
    out(account.email);
    if (account.admin) out(fields([["Role", "admin"]]).join("\n"));
  },
};
