import type { App } from "@pier/db";
import type { Dyno } from "@pier/use-cases";

/** Pier's instance states in Heroku's words (draining and stopped instances are on their way down). */
const STATE = { starting: "starting", up: "up", crashed: "crashed", draining: "down", stopped: "down" } as const;

/** Heroku Platform API v3 dyno; `attachUrl` only in the answer that made an attached one-off. */
export function presentDyno(d: Dyno, app: Pick<App, "id" | "name">, attachUrl: string | null = null) {
  // A one-off shows what was typed; a process type its command's last word, as before.
  const command = d.command ? [(d.command as string[]).join(" ")] : ((d.release.processTypes as Record<string, string[]>)[d.type] ?? []);
  return {
    id: d.id,
    name: `${d.type}.${d.number}`,
    type: d.type,
    state: STATE[d.state],
    command: command.at(-1) ?? "",
    size: d.size,
    attach_url: attachUrl,
    created_at: d.createdAt.toISOString(),
    updated_at: d.updatedAt.toISOString(),
    started_at: d.startedAt?.toISOString() ?? null,
    release: { id: d.releaseId, version: d.release.version },
    app: { id: app.id, name: app.name },
    host: d.host.name,
    restarts: d.restarts,
    exit_code: d.exitCode,
  };
}
