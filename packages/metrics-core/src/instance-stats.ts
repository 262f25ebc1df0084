/** One reading of an instance from its engine (Docker stats), reduced to what Pier shows. */
export interface InstanceReading {
  /** Cumulative CPU time of the container, in nanoseconds. */
  cpuNs: number;
  memoryBytes: number;
  /** The instance's memory limit; undefined when it runs without one. */
  limitBytes?: number;
}

/** Docker's stats document, the fields used. */
export interface DockerStats {
  cpu_stats?: { cpu_usage?: { total_usage?: number } };
  memory_stats?: { usage?: number; limit?: number; stats?: { inactive_file?: number; total_inactive_file?: number } };
}

/** Memory as `docker stats` counts it: usage less the page cache the kernel can drop. */
export function readingFromDockerStats(s: DockerStats, limitBytes: number | undefined): InstanceReading {
  const cache = s.memory_stats?.stats?.inactive_file ?? s.memory_stats?.stats?.total_inactive_file ?? 0;
  return {
    cpuNs: s.cpu_stats?.cpu_usage?.total_usage ?? 0,
    memoryBytes: Math.max(0, (s.memory_stats?.usage ?? 0) - cache),
    ...(limitBytes !== undefined && limitBytes > 0 ? { limitBytes } : {}),
  };
}

/** CPU use between two readings as a share of one core (1 = one core busy). */
export function cpuCores(previous: InstanceReading | undefined, current: InstanceReading, elapsedMs: number): number | undefined {
  if (previous === undefined || elapsedMs <= 0 || current.cpuNs < previous.cpuNs) return undefined;
  return Math.round(((current.cpuNs - previous.cpuNs) / (elapsedMs * 1e6)) * 1000) / 1000;
}

/**
 * Heroku's R14 for an instance over its memory limit (it may be swapping); undefined when
 * within it or without a limit. The kernel's kill (R15) is reported from the exit instead.
 */
export function memoryWarning(r: InstanceReading): string | undefined {
  if (r.limitBytes === undefined || r.memoryBytes < r.limitBytes) return undefined;
  const mb = (b: number) => `${Math.round(b / 1048576)}MB`;
  return `Error R14 (Memory quota exceeded): using ${mb(r.memoryBytes)} of its ${mb(r.limitBytes)} limit`;
}

/**
 * Heroku's R15, for a process the kernel killed for the instance's memory limit while the
 * instance kept running (a worker of gunicorn, a child process): the user sees it when it
 * happens, not only if the instance dies of it.
 */
export function memoryKillMessage(limitBytes: number | undefined): string {
  const limit = limitBytes ? ` its ${Math.round(limitBytes / 1048576)}MB limit` : " its memory limit";
  return `Error R15 (Memory quota vastly exceeded): a process was killed for using more memory than${limit}; the instance keeps running`;
}
