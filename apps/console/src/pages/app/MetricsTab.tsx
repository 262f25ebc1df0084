import type { App } from "../../api/types.js";
import { Section } from "../../components/Section.js";
import { ErrorState, Loading } from "../../components/states.js";
import { useResource } from "../../hooks/useResource.js";
import { useApi } from "../../session.js";

export function MetricsTab({ app }: { app: App }) {
  const api = useApi();
  const metrics = useResource(() => api.getMetrics(app.name, "period=1h"), [api, app.name], { pollMs: 15_000 });
  return (
    <Section title="Metrics (last hour)">
      {metrics.loading && !metrics.data ? (
        <Loading what="metrics" />
      ) : metrics.error ? (
        <ErrorState error={metrics.error} retry={metrics.reload} what="metrics" />
      ) : (
        <pre className="code">{JSON.stringify(metrics.data, null, 2)}</pre>
      )}
    </Section>
  );
}
