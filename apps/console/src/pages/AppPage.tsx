import type { Account, App } from "../api/types.js";
import { StatusBadge } from "../components/StatusBadge.js";
import { ErrorState, Loading } from "../components/states.js";
import { useResource } from "../hooks/useResource.js";
import { APP_TABS, pathOf, type AppTab } from "../lib/routes.js";
import { appStatus } from "../lib/status.js";
import { AppEventsProvider, LiveIndicator } from "../live/AppEvents.js";
import { Link } from "../router.js";
import { useApi } from "../session.js";
import { AccessTab } from "./app/AccessTab.js";
import { AddonsTab } from "./app/AddonsTab.js";
import { DeploysTab } from "./app/DeploysTab.js";
import { LogsTab } from "./app/LogsTab.js";
import { MetricsTab } from "./app/MetricsTab.js";
import { OverviewTab } from "./app/OverviewTab.js";
import { ScalingTab } from "./app/ScalingTab.js";
import { SettingsTab } from "./app/SettingsTab.js";
import { optional } from "./AppsPage.js";

const TAB_LABELS: Record<AppTab, string> = {
  overview: "Overview", deploys: "Deploys", logs: "Logs", scaling: "Scaling", metrics: "Metrics", addons: "Add-ons", access: "Access", settings: "Settings",
};

/** One app: its header (name, status, address) and tabs. */
export function AppPage({ app: name, tab, account }: { app: string; tab: AppTab; account: Account }) {
  const api = useApi();
  const app = useResource(() => api.getApp(name), [api, name]);
  if (app.loading && !app.data) return <Loading what={name} />;
  if (app.error) {
    return (
      <section className="page">
        <h1>{name}</h1>
        <ErrorState error={app.error} retry={app.reload} what={`the app ${name}`} />
      </section>
    );
  }
  return (
    <AppEventsProvider app={name}>
    <section className="page">
      <AppHeader app={app.data!} />
      <nav className="tabs" aria-label={`${name} sections`}>
        <ul>
          {APP_TABS.map((t) => (
            <li key={t}>
              <Link href={pathOf({ page: "app", app: name, tab: t })} aria-current={t === tab ? "page" : undefined}>
                {TAB_LABELS[t]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="tab-panel">
        {tab === "overview" && <OverviewTab app={app.data!} />}
        {tab === "deploys" && <DeploysTab app={app.data!} />}
        {tab === "logs" && <LogsTab app={app.data!} />}
        {tab === "scaling" && <ScalingTab app={app.data!} />}
        {tab === "settings" && <SettingsTab app={app.data!} />}
        {tab === "metrics" && <MetricsTab app={app.data!} />}
        {tab === "addons" && <AddonsTab app={app.data!} />}
        {tab === "access" && <AccessTab app={app.data!} account={account} />}
      </div>
    </section>
    </AppEventsProvider>
  );
}

function AppHeader({ app }: { app: App }) {
  const api = useApi();
  const state = useResource(
    async () => appStatus(await api.listBuilds(app.name), await optional(api.listDynos(app.name))),
    [api, app.name],
    { pollMs: 4000, liveOn: ["build", "instance"] },
  );
  return (
    <div className="page-head app-head">
      <div>
        <p className="crumbs">
          <Link href={pathOf({ page: "apps" })}>Apps</Link> /
        </p>
        <h1>
          {app.name} {state.data && <StatusBadge status={state.data} />}
          {app.maintenance && <span className="badge badge-maintenance">Maintenance</span>}
          <LiveIndicator />
        </h1>
      </div>
      <a className="button" href={app.web_url} target="_blank" rel="noreferrer">
        Open app <span aria-hidden="true">↗</span>
      </a>
    </div>
  );
}
