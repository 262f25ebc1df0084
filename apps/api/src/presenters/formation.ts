import type { App } from "@pier/db";
import type { FormationWithCommand } from "@pier/use-cases";

/** Heroku Platform API v3 formation. */
export function presentFormation(f: FormationWithCommand, app: Pick<App, "id" | "name">) {
  return {
    id: f.id,
    type: f.type,
    quantity: f.quantity,
    size: f.size,
    command: f.command ? (f.command.at(-1) ?? null) : null,
    created_at: f.updatedAt.toISOString(),
    updated_at: f.updatedAt.toISOString(),
    app: { id: app.id, name: app.name },
  };
}
