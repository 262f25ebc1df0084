import { apiResponse } from "../api-client.js";
import type { Command } from "../command.js";
import { numFlag } from "../args.js";
import { json } from "../output.js";
import { printTable } from "../print-table.js";

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
    const num = numFlag(flags, 50);
    const query = typeof flags.app === "string" ? `?app=${encodeURIComponent(flags.app)}` : "";
    const { data } = await apiResponse<AuditEvent[]>(settings, "GET", `/audit${query}`, undefined, { Range: `created_at ..; max=${num}, order=desc` });
    if (flags.json) return out(json(data));
    const columns = [(e: AuditEvent) => e.created_at, (e: AuditEvent) => e.actor.email, (e: AuditEvent) => e.action, (e: AuditEvent) => e.app?.name ?? "-", (e: AuditEvent) => summary(e.details)];
    printTable(data, columns.map((value) => ({ value })), { out, title: "Audit log", empty: "No audit events." });
  },
};
