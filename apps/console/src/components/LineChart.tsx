import { compact, latest, linePath, niceMax } from "../lib/chart.js";

import type { ChartSeries } from "../lib/metrics.js";

const W = 600;
const H = 160;

/**
 * A line chart in plain SVG: a y axis from 0 to a round maximum, the period's start and end
 * below, a legend with each series' latest value. Screen readers get the same as a sentence.
 */
export function LineChart({ title, unit, series, start, end }: { title: string; unit: string; series: ChartSeries[]; start: string; end: string }) {
  const top = niceMax(Math.max(0, ...series.flatMap((s) => s.values.filter((v): v is number => v !== undefined))));
  const plot = { width: W, height: H, max: top };
  const empty = series.every((s) => latest(s.values) === undefined);
  const summary = `${title}: ${empty ? "no data in this period" : series.map((s) => `${s.name} ${valueText(latest(s.values), unit)}`).join(", ")}.`;
  return (
    <figure className="chart" data-chart={title}>
      <figcaption>
        <h3>{title}</h3>
        <ul className="legend">
          {series.map((s) => (
            <li key={s.name}>
              <svg className="swatch" viewBox="0 0 24 8" aria-hidden="true">
                <line x1="0" y1="4" x2="24" y2="4" className={`series series-${s.style}`} />
              </svg>
              {s.name} <strong>{valueText(latest(s.values), unit)}</strong>
            </li>
          ))}
        </ul>
      </figcaption>
      <div className="chart-body">
        <span className="chart-y" aria-hidden="true">
          <span>
            {compact(top)} {unit}
          </span>
          <span>0</span>
        </span>
        <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" role="img" aria-label={summary}>
          {[0, 0.5, 1].map((f) => (
            <line key={f} x1="0" x2={W} y1={f * H} y2={f * H} className="grid" />
          ))}
          {series.map((s) => (
            <path key={s.name} d={linePath(s.values, plot)} className={`series series-${s.style}`} />
          ))}
        </svg>
        {empty && <p className="chart-empty">No data in this period yet.</p>}
      </div>
      <p className="chart-x" aria-hidden="true">
        <span>{clock(start)}</span>
        <span>{clock(end)}</span>
      </p>
    </figure>
  );
}

const valueText = (v: number | undefined, unit: string) => (v === undefined ? "–" : `${compact(v)} ${unit}`);
const clock = (iso: string) => (iso ? new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }) : "");
