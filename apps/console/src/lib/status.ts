import type { Build, Dyno } from "../api/types.js";

export type AppStatus = "running" | "crashed" | "deploying" | "idle";

/**
 * What an app is doing, from what the API tells: a build in progress means deploying; otherwise
 * its instances decide (any crashed -> crashed, any up or starting -> running). Without instance
 * data (an API without /dynos) a last successful deploy counts as running, since a deploy only
 * succeeds once its instances answer.
 */
export function appStatus(builds: readonly Build[], dynos: readonly Dyno[] | null): AppStatus {
  const latest = latestBuild(builds);
  if (latest?.status === "pending") return "deploying";
  if (dynos) {
    if (dynos.some((d) => d.state === "crashed")) return "crashed";
    if (dynos.some((d) => d.state === "up" || d.state === "starting")) return "running";
    return "idle";
  }
  return builds.some((b) => b.status === "succeeded") ? "running" : "idle";
}

export function latestBuild(builds: readonly Build[]): Build | undefined {
  let latest: Build | undefined;
  for (const b of builds) if (!latest || b.created_at > latest.created_at) latest = b;
  return latest;
}

/** The most recent build that went live: the app's last deploy. */
export function lastDeploy(builds: readonly Build[]): Build | undefined {
  return latestBuild(builds.filter((b) => b.status === "succeeded"));
}
