import type { AuditEvent } from "../api/types.js";

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
const text = (v: unknown): string => (typeof v === "string" || typeof v === "number" ? String(v) : "");

/** An audit record as a sentence for the overview's activity list ("Scaled web=2:basic"). */
export function describeActivity(e: AuditEvent): string {
  const d = e.details;
  switch (e.action) {
    case "build.create":
      return `Pushed ${text(d.version).slice(0, 7) || "a new build"}`.trim();
    case "config.update": {
      const parts = [list(d.set).length ? `set ${list(d.set).join(", ")}` : "", list(d.unset).length ? `unset ${list(d.unset).join(", ")}` : ""];
      return `Config vars: ${parts.filter(Boolean).join("; ") || "changed"}`;
    }
    case "formation.update":
      return `Scaled ${list(d.changes).join(", ")}`.trim();
    case "release.rollback":
      return `Rolled back to v${text(d.to)}`;
    case "domain.add":
      return `Added domain ${text(d.hostname)}`;
    case "domain.remove":
      return `Removed domain ${text(d.hostname)}`;
    case "dyno.restart":
      return "Restarted instances";
    case "app.create":
      return "Created the app";
    case "app.rename":
      return "Renamed the app";
    case "collaborator.add":
      return "Added a collaborator";
    case "collaborator.remove":
      return "Removed a collaborator";
    default:
      return e.action.replace(/[._]/g, " ");
  }
}
