import { createInterface } from "node:readline/promises";
import { api, CliError } from "../api-client.js";
import type { Command } from "../command.js";
import { settingsPath, writeStoredSettings } from "../settings.js";

async function promptToken(): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: process.stdin.isTTY });
  try {
    return (await rl.question("API token: ")).trim();
  } finally {
    rl.close();
  }
}

export const login: Command = {
  name: "login",
  usage: "pier login [--token TOKEN] [--api-url URL]",
  summary: "store an API token for this machine (checked against the API first)",
  async run({ flags, settings, out }) {
    const apiUrl = typeof flags["api-url"] === "string" ? flags["api-url"].replace(/\/+$/, "") : settings.apiUrl;
    const token = typeof flags.token === "string" ? flags.token : await promptToken();
    if (!token) throw new CliError("No token given: pass --token TOKEN or type it at the prompt.");
    const account = await api<{ email: string }>({ apiUrl, token }, "GET", "/account");
    await writeStoredSettings({ apiUrl, token });
    out(`Logged in to ${apiUrl} as ${account.email} (saved in ${settingsPath()})`);
  },
};
