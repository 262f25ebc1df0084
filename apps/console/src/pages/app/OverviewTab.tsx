import type { App, Build } from "../../api/types.js";
import { BuildList } from "../../components/BuildList.js";
import { Section } from "../../components/Section.js";
import { StatusBadge } from "../../components/StatusBadge.js";
import { Empty, ErrorState, Loading, Unavailable } from "../../components/states.js";
import { useResource } from "../../hooks/useResource.js";
import { timeAgo } from "../../lib/format.js";
import { pathOf } from "../../lib/routes.js";
import { lastDeploy } from "../../lib/status.js";
import { Link } from "../../router.js";
import { useApi } from "../../session.js";
import { optional } from "../AppsPage.js";
import { ActivitySection } from "./ActivitySection.js";
import { CertificateStatus } from "./DomainsSection.js";
import { TrafficSection } from "./TrafficSection.js";

/** Everything about an app at a glance, refreshed every few seconds. */
export function OverviewTab({ app }: { app: App }) {
  const api = useApi();
  const data = useResource(
    async () => {
      const [builds, dynos, releases, domains] = await Promise.all([
        api.listBuilds(app.name),
        optional(api.listDynos(app.name)),
        optional(api.listReleases(app.name, 5)),
        optional(api.listDomains(app.name)),
      ]);
      return { builds, dynos, releases, domains };
    },
    [api, app.name],
    { pollMs: 3000, liveOn: ["build", "instance", "release", "domain"] },
  );
  if (data.loading && !data.data) return <Loading what="the overview" />;
  if (data.error && !data.data) return <ErrorState error={data.error} retry={data.reload} what="the overview" />;
  const { builds, dynos, releases, domains } = data.data!;
  const current = releases?.find((r) => r.current) ?? releases?.[0];
  const deployed = lastDeploy(builds);

  return (
    <div className="grid">
      <Section title="Instances">
        {dynos === null ? (
          <Unavailable what="instance status" />
        ) : dynos.length === 0 ? (
          <Empty title="No instances running.">
            <p>
              Deploy with <code>git push</code>, or <Link href={pathOf({ page: "app", app: app.name, tab: "scaling" })}>scale a process type</Link> above zero.
            </p>
          </Empty>
        ) : (
          <ul className="list" aria-label="Instances">
            {dynos.map((d) => (
              <li key={d.id ?? d.name} className="list-row" data-dyno={d.name}>
                <StatusBadge status={d.state} />
                <strong>{d.name}</strong>
                <span className="muted">
                  {d.size ?? ""} {d.release && `· v${d.release.version}`} {d.updated_at && `· since ${timeAgo(d.updated_at)}`}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section title="Current release">
        {current ? (
          <p className="release-now">
            <strong className="big">v{current.version}</strong> {current.description}
            <br />
            <span className="muted">
              {current.user?.email ?? ""} <time dateTime={current.created_at}>{timeAgo(current.created_at)}</time>
            </span>
          </p>
        ) : deployed ? (
          <p>
            Deployed from build <Link href={pathOf({ page: "build", app: app.name, build: deployed.id })}>{deployed.id.slice(0, 8)}</Link>{" "}
            <time dateTime={deployed.updated_at}>{timeAgo(deployed.updated_at)}</time>.
          </p>
        ) : (
          <DeployHint app={app} />
        )}
      </Section>

      <Section title="Addresses">
        <ul className="list" aria-label="Addresses">
          <li className="list-row">
            <a href={app.web_url} target="_blank" rel="noreferrer">
              {app.web_url}
            </a>
            <span className="muted">default</span>
          </li>
          {domains?.filter((d) => d.kind !== "default").map((d) => (
            <li className="list-row" key={d.id ?? d.hostname}>
              <span>{d.hostname}</span>
              <CertificateStatus domain={d} />
            </li>
          ))}
        </ul>
        {domains === null && <p className="muted">Custom domains are not available on this server yet.</p>}
      </Section>

      <TrafficSection app={app} />

      <ActivitySection app={app} />

      <Section
        title="Recent builds"
        actions={<Link href={pathOf({ page: "app", app: app.name, tab: "deploys" })}>All deploys</Link>}
      >
        {builds.length === 0 ? <Empty title="Nothing built yet." /> : <BuildList app={app.name} builds={recent(builds)} />}
      </Section>
    </div>
  );
}

const recent = (builds: Build[]) => [...builds].sort((a, b) => b.created_at.localeCompare(a.created_at)).slice(0, 5);

function DeployHint({ app }: { app: App }) {
  return (
    <div>
      <p>Nothing deployed yet. From your app's git repository:</p>
      <pre className="code">{`git remote add pier ${app.git_url}\ngit push pier main`}</pre>
      <p className="muted">git asks for a password: give your API token (any user name).</p>
    </div>
  );
}
