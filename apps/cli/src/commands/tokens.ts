import { api, CliError } from "../api-client.js";
import type { Command } from "../command.js";
import { EXIT } from "../exit-codes.js";
import { age, json } from "../output.js";
import { printTable } from "../print-table.js";

interface Token {
  id: string;
  name: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  current: boolean;
  token?: string;
}

const DURATION = /^(\d+)([smhd])$/;
const UNIT = { s: 1, m: 60, h: 3600, d: 86_400 } as const;

/** "30d", "12h", "3600s" -> seconds. */
export function parseDuration(text: string): number {
  const m = DURATION.exec(text);
  if (!m) throw new CliError(`--expires-in takes a duration such as 30d, 12h or 90m, not "${text}".`, EXIT.usage);
  return Number(m[1]) * UNIT[m[2] as keyof typeof UNIT];
}

export const tokensList: Command = {
  name: "tokens",
  usage: "pier tokens [--json]",
  summary: "list your API tokens (names and dates, never the tokens)",
  async run({ flags, settings, out }) {
    const tokens = await api<Token[]>(settings, "GET", "/account/tokens");
    if (flags.json) return out(json(tokens));
    const columns = [
      (t: Token) => t.id,
      (t: Token) => t.name + (t.current ? " (this one)" : ""),
      (t: Token) => `created ${age(t.created_at)}`,
      (t: Token) => (t.expires_at ? `expires ${t.expires_at}` : "no expiry"),
      (t: Token) => (t.last_used_at ? `used ${age(t.last_used_at)}` : "never used"),
    ];
    printTable(tokens, columns.map((value) => ({ value })), { out, title: "API tokens" });
  },
};

export const tokensCreate: Command = {
  name: "tokens:create",
  usage: "pier tokens:create NAME [--expires-in 30d] [--json]",
  summary: "make an API token for scripts and CI; it is shown once",
  examples: ["pier tokens:create ci --expires-in 90d"],
  async run({ positionals, flags, settings, out }) {
    const name = positionals[0];
    if (!name) throw new CliError("Usage: pier tokens:create NAME [--expires-in 30d]", EXIT.usage);
    const expires_in = typeof flags["expires-in"] === "string" ? parseDuration(flags["expires-in"]) : undefined;
    const made = await api<Token>(settings, "POST", "/account/tokens", { name, expires_in });
    if (flags.json) return out(json(made));
    out(`Created token ${made.name} (${made.id})${made.expires_at ? `, expires ${made.expires_at}` : ""}. Copy it now, it is not shown again:`);
    out(made.token!);
  },
};

export const tokensRevoke: Command = {
  name: "tokens:revoke",
  usage: "pier tokens:revoke ID|NAME",
  summary: "revoke an API token",
  async run({ positionals, settings, out }) {
    const ref = positionals[0];
    if (!ref) throw new CliError("Usage: pier tokens:revoke ID|NAME (see `pier tokens`)", EXIT.usage);
    const revoked = await api<Token>(settings, "DELETE", `/account/tokens/${encodeURIComponent(ref)}`);
    out(`Revoked token ${revoked.name} (${revoked.id})`);
  },
};
