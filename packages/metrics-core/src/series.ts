/** The time series the API serves: the last hour by minute, the last day by 15 minutes. */
export type MetricsPeriod = "hour" | "day";

export const PERIODS: Record<MetricsPeriod, { seconds: number; stepSeconds: number }> = {
  hour: { seconds: 3600, stepSeconds: 60 },
  day: { seconds: 86_400, stepSeconds: 900 },
};

export const minuteOf = (ms: number) => Math.floor(ms / 60_000) * 60_000;

/**
 * The points of a period ending at `now`: each with its start and the minutes it sums
 * (the current, unfinished minute included last).
 */
export function seriesPlan(period: MetricsPeriod, now: number): { start: number; minutes: number[] }[] {
  const { seconds, stepSeconds } = PERIODS[period];
  const stepMs = stepSeconds * 1000;
  const end = Math.floor(now / stepMs) * stepMs + stepMs;
  const points: { start: number; minutes: number[] }[] = [];
  for (let start = end - seconds * 1000; start < end; start += stepMs) {
    const minutes: number[] = [];
    for (let m = start; m < start + stepMs; m += 60_000) minutes.push(m);
    points.push({ start, minutes });
  }
  return points;
}
