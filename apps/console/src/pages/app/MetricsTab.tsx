import { useState } from "react";
import type { App } from "../../api/types.js";
import { MetricsCharts } from "../../components/MetricsCharts.js";
import { Section } from "../../components/Section.js";
import { Loaded } from "../../components/states.js";
import { useResource } from "../../hooks/useResource.js";
import { useApi } from "../../session.js";

const PERIODS = { hour: "Last hour", day: "Last day" } as const;

/** Requests, latency percentiles, status classes, and per instance memory and CPU. */
export function MetricsTab({ app }: { app: App }) {
  const api = useApi();
  const [period, setPeriod] = useState<keyof typeof PERIODS>("hour");
  // Metrics are sums per minute: a new point a minute is all polling can find.
  const metrics = useResource(() => api.getMetrics(app.name, period), [api, app.name, period], { pollMs: 30_000 });
  return (
    <Section
      title={`Metrics (${PERIODS[period].toLowerCase()})`}
      id="metrics"
      actions={
        <div className="period-picker" role="group" aria-label="Period">
          {(Object.keys(PERIODS) as (keyof typeof PERIODS)[]).map((p) => (
            <button key={p} type="button" className="button" aria-pressed={p === period} onClick={() => setPeriod(p)}>
              {PERIODS[p]}
            </button>
          ))}
        </div>
      }
    >
      <Loaded resource={metrics} what="metrics">
        {(m) => <MetricsCharts metrics={m} />}
      </Loaded>
    </Section>
  );
}
