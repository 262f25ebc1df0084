import { apiResponse, CliError } from "../api-client.js";
import type { Command } from "../command.js";
import { EXIT } from "../exit-codes.js";
import { heading, json, table } from "../output.js";

interface AuditEvent {
  created_at: string;
  actor: { email: string };
  action: string;
  app: { name: string } | null;
  details: Record<string, unknown>;
}

const summary = (details: Record<string, unknown>) =>
  Object.entries(details)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(",") : typeof v === "object" ? JSON.stringify(v) : String(v)}`)
    .join(" ");

export const audit: Command = {
  name: "audit",
  usage: "pier audit [--app NAME] [--num N] [--json]",
  summary: "who changed what, newest first (admins see everything)",
  async run({ flags, settings, out }) {
    const num = typeof flags.num === "string" ? Number(flags.num) : 50;
    if (!Number.isInteger(num) || num < 1 || num > 1000) throw new CliError("--num takes a whole number from 1 to 1000.", EXIT.usage);
    const query = typeof flags.app === "string" ? `?app=${encodeURIComponent(flags.app)}` : "";
    const { data } = await apiResponse<AuditEvent[]>(settings, "GET", `/audit${query}`, undefined, { Range: `created_at ..; max=${num}, order=desc` });
    if (flags.json) return out(json(data));
    out(heading("Audit log"));
    for (const line of table(data.map((e) => [e.created_at, e.actor.email, e.action, e.app?.name ?? "-", summary(e.details)]))) out(line);
  },
};
