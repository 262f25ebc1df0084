import type { App } from "@pier/db";
import type { PierConfig } from "@pier/config";
import { defaultHostname } from "@pier/naming-core";

/** Heroku Platform API v3 app shape (the fields its clients read), plus nothing Pier-internal. */
export function presentApp(app: App, config: Pick<PierConfig, "baseDomain" | "apiUrl" | "httpPort">) {
  const port = config.httpPort === 80 ? "" : `:${config.httpPort}`;
  return {
    id: app.id,
    name: app.name,
    created_at: app.createdAt.toISOString(),
    updated_at: app.updatedAt.toISOString(),
    web_url: `http://${defaultHostname(app.name, config.baseDomain)}${port}/`,
    git_url: `${config.apiUrl}/${app.name}.git`,
    maintenance: app.maintenance,
    owner: { id: app.ownerId },
    region: { id: "local", name: "local" },
    stack: { id: "pier-python", name: "pier-python" },
  };
}
