const LABELS: Record<string, string> = {
  running: "Running", crashed: "Crashed", deploying: "Deploying", idle: "Idle",
  pending: "Building", succeeded: "Succeeded", failed: "Failed", up: "Up", starting: "Starting", down: "Down",
  ready: "Ready", draining: "Draining", available: "Available", provisioning: "Provisioning", destroyed: "Destroyed",
};

/** A status as a word with a coloured dot: the colour is never the only signal. */
export function StatusBadge({ status }: { status: string }) {
  return (
    <span className={`badge badge-${status.replace(/[^a-z-]/g, "")}`} data-status={status}>
      <span className="dot" aria-hidden="true" />
      {LABELS[status] ?? status}
    </span>
  );
}
