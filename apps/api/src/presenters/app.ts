import type { App } from "@pier/db";
import type { PierConfig } from "@pier/config";
import { defaultHostname } from "@pier/naming-core";

const REGION = { id: "local", name: "local" };
const STACK = { id: "pier-python", name: "pier-python" };

/** Heroku Platform API v3 app shape (the fields its clients read), plus nothing Pier-internal. */
export function presentApp(
  app: App,
  config: Pick<PierConfig, "baseDomain" | "apiUrl" | "httpPort">,
  extra: { ownerEmail?: string | null; releasedAt?: Date | null } = {},
) {
  const port = config.httpPort === 80 ? "" : `:${config.httpPort}`;
  return {
    id: app.id,
    name: app.name,
    created_at: app.createdAt.toISOString(),
    updated_at: app.updatedAt.toISOString(),
    released_at: extra.releasedAt?.toISOString() ?? null,
    web_url: `http://${defaultHostname(app.name, config.baseDomain)}${port}/`,
    git_url: `${config.apiUrl}/${app.name}.git`,
    maintenance: app.maintenance,
    owner: { id: app.ownerId, email: extra.ownerEmail ?? null },
    region: REGION,
    stack: STACK,
    build_stack: STACK,
    buildpack_provided_description: null,
    archived_at: null,
    acm: false,
    internal_routing: null,
    organization: null,
    team: null,
    space: null,
    repo_size: null,
    slug_size: null,
  };
}
