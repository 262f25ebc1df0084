import type { App } from "../../api/types.js";
import { Section } from "../../components/Section.js";
import { Loaded } from "../../components/states.js";
import { useResource } from "../../hooks/useResource.js";
import { useApi } from "../../session.js";

/** Until the API publishes metrics time series, this says so (the endpoint answers 404). */
export function MetricsTab({ app }: { app: App }) {
  const api = useApi();
  const metrics = useResource(() => api.getMetrics(app.name, "period=1h"), [api, app.name], { pollMs: 15_000 });
  return (
    <Section title="Metrics (last hour)">
      <Loaded resource={metrics} what="metrics">
        {(data) => <pre className="code">{JSON.stringify(data, null, 2)}</pre>}
      </Loaded>
    </Section>
  );
}
