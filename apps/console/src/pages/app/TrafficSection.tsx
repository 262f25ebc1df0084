import type { App } from "../../api/types.js";
import { MetricsCharts } from "../../components/MetricsCharts.js";
import { Section } from "../../components/Section.js";
import { Loaded } from "../../components/states.js";
import { useResource } from "../../hooks/useResource.js";
import { pathOf } from "../../lib/routes.js";
import { Link } from "../../router.js";
import { useApi } from "../../session.js";

/** The overview's last hour of traffic: request rate and latency; the Metrics tab has the rest. */
export function TrafficSection({ app }: { app: App }) {
  const api = useApi();
  const metrics = useResource(() => api.getMetrics(app.name, "hour"), [api, app.name], { pollMs: 30_000 });
  return (
    <Section title="Traffic (last hour)" actions={<Link href={pathOf({ page: "app", app: app.name, tab: "metrics" })}>All metrics</Link>}>
      <Loaded resource={metrics} what="metrics">
        {(m) => <MetricsCharts metrics={m} only={["requests", "latency"]} />}
      </Loaded>
    </Section>
  );
}
