/** One metric family in Prometheus' text exposition format (version 0.0.4). */
export interface MetricFamily {
  name: string;
  help: string;
  type: "counter" | "gauge" | "histogram";
  /** `suffix`: a histogram's `_bucket`, `_sum`, `_count`. */
  samples: { labels?: Record<string, string>; value: number; suffix?: string }[];
}

const escapeLabel = (v: string) => v.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');

export function prometheusText(families: MetricFamily[]): string {
  let out = "";
  for (const f of families) {
    out += `# HELP ${f.name} ${f.help.replace(/\\/g, "\\\\").replace(/\n/g, "\\n")}\n# TYPE ${f.name} ${f.type}\n`;
    for (const s of f.samples) {
      const labels = Object.entries(s.labels ?? {});
      const l = labels.length === 0 ? "" : `{${labels.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(",")}}`;
      out += `${f.name}${s.suffix ?? ""}${l} ${Number.isFinite(s.value) ? s.value : 0}\n`;
    }
  }
  return out;
}

/** The process figures every Pier process exposes. */
export function processFamilies(p: { rssBytes: number; heapUsedBytes: number; uptimeSeconds: number; cpuSeconds: number }, processName: string): MetricFamily[] {
  const labels = { process: processName };
  return [
    { name: "process_resident_memory_bytes", help: "Resident memory size in bytes.", type: "gauge", samples: [{ labels, value: p.rssBytes }] },
    { name: "nodejs_heap_used_bytes", help: "V8 heap in use, in bytes.", type: "gauge", samples: [{ labels, value: p.heapUsedBytes }] },
    { name: "process_cpu_seconds_total", help: "User and system CPU time spent, in seconds.", type: "counter", samples: [{ labels, value: p.cpuSeconds }] },
    { name: "process_uptime_seconds", help: "Seconds since the process started.", type: "gauge", samples: [{ labels, value: p.uptimeSeconds }] },
  ];
}
