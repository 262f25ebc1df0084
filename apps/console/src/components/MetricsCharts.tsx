import type { AppMetrics } from "../api/types.js";
import { metricCharts, type ChartSpec } from "../lib/metrics.js";
import { LineChart } from "./LineChart.js";

/** The charts of `metricCharts`, optionally only some of them (the overview shows traffic). */
export function MetricsCharts({ metrics, only }: { metrics: AppMetrics; only?: ChartSpec["id"][] }) {
  const charts = metricCharts(metrics).filter((c) => !only || only.includes(c.id));
  const start = metrics.router[0]?.time ?? "";
  const end = metrics.router.at(-1)?.time ?? "";
  return (
    <div className="charts">
      {charts.map((c) =>
        c.series.length === 0 ? (
          <p key={c.id} className="muted">
            {c.title}: no instance has reported yet.
          </p>
        ) : (
          <LineChart key={c.id} title={c.title} unit={c.unit} series={c.series} start={start} end={end} />
        ),
      )}
    </div>
  );
}
