import type { Build } from "../api/types.js";
import { duration, shortId, timeAgo } from "../lib/format.js";
import { pathOf } from "../lib/routes.js";
import { Link } from "../router.js";
import { StatusBadge } from "./StatusBadge.js";

/** Builds, newest first, each linking to its output; a running one shows a progress bar. */
export function BuildList({ app, builds }: { app: string; builds: readonly Build[] }) {
  return (
    <ol className="list builds" aria-label="Builds">
      {builds.map((b) => (
        <li key={b.id} className="list-row" data-build={b.id} data-status={b.status}>
          <StatusBadge status={b.status} />
          <Link href={pathOf({ page: "build", app, build: b.id })}>
            Build {shortId(b.id)}
            {b.source_blob.version && <span className="muted"> · {b.source_blob.version.slice(0, 7)}</span>}
          </Link>
          <span className="muted">
            <time dateTime={b.created_at}>{timeAgo(b.created_at)}</time>
            {b.status !== "pending" && ` · took ${duration(b.created_at, b.updated_at)}`}
          </span>
          {b.status === "pending" && <progress className="progress" aria-label={`Build ${shortId(b.id)} running`} />}
          {b.error && <span className="row-error">{b.error}</span>}
        </li>
      ))}
    </ol>
  );
}
