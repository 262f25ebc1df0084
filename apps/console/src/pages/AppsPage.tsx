import { ApiError } from "../api/client.js";
import type { App, Build, Dyno } from "../api/types.js";
import { StatusBadge } from "../components/StatusBadge.js";
import { Empty, ErrorState, Loading } from "../components/states.js";
import { useResource } from "../hooks/useResource.js";
import { timeAgo } from "../lib/format.js";
import { pathOf } from "../lib/routes.js";
import { appStatus, lastDeploy } from "../lib/status.js";
import { Link } from "../router.js";
import { useApi } from "../session.js";

export function AppsPage() {
  const api = useApi();
  const apps = useResource(() => api.listApps(), [api], { pollMs: 10_000 });
  return (
    <section className="page">
      <div className="page-head">
        <h1>Apps</h1>
        <Link className="button button-primary" href={pathOf({ page: "new-app" })}>
          Create app
        </Link>
      </div>
      {apps.loading && !apps.data ? (
        <Loading what="apps" />
      ) : apps.error ? (
        <ErrorState error={apps.error} retry={apps.reload} what="apps" />
      ) : apps.data!.length === 0 ? (
        <Empty title="No apps yet.">
          <p>Create one here, or from a terminal:</p>
          <pre className="code">{"pier apps:create shop\ngit push pier main"}</pre>
          <Link className="button button-primary" href={pathOf({ page: "new-app" })}>
            Create your first app
          </Link>
        </Empty>
      ) : (
        <table className="table apps-table">
          <caption className="visually-hidden">Your apps</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Status</th>
              <th scope="col">URL</th>
              <th scope="col">Last deploy</th>
              <th scope="col">Instances</th>
            </tr>
          </thead>
          <tbody>
            {apps.data!.map((app) => (
              <AppRow key={app.id} app={app} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Instances are unknown (null) on a Pier without the dynos endpoint. */
async function summary(api: ReturnType<typeof useApi>, name: string): Promise<{ builds: Build[]; dynos: Dyno[] | null }> {
  const [builds, dynos] = await Promise.all([api.listBuilds(name), optional(api.listDynos(name))]);
  return { builds, dynos };
}

export async function optional<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (err) {
    if (err instanceof ApiError && err.endpointMissing) return null;
    throw err;
  }
}

function AppRow({ app }: { app: App }) {
  const api = useApi();
  const s = useResource(() => summary(api, app.name), [api, app.name], { pollMs: 5000 });
  const deploy = s.data && lastDeploy(s.data.builds);
  const dynos = s.data?.dynos;
  return (
    <tr data-app={app.name}>
      <th scope="row" data-label="Name">
        <Link href={pathOf({ page: "app", app: app.name, tab: "overview" })}>{app.name}</Link>
      </th>
      <td data-label="Status">{s.data ? <StatusBadge status={appStatus(s.data.builds, dynos ?? null)} /> : s.error ? "unknown" : "…"}</td>
      <td data-label="URL">
        <a href={app.web_url} target="_blank" rel="noreferrer">
          {app.web_url.replace(/^https?:\/\//, "").replace(/\/$/, "")}
        </a>
      </td>
      <td data-label="Last deploy">{s.data ? (deploy ? <time dateTime={deploy.updated_at}>{timeAgo(deploy.updated_at)}</time> : "never") : "…"}</td>
      <td data-label="Instances">{dynos ? `${dynos.filter((d) => d.state === "up").length} / ${dynos.length} up` : "—"}</td>
    </tr>
  );
}
