/** Where a log drain sends an app's lines: syslog over TCP or TLS (RFC 5424, octet-counted), or HTTP(S) POST batches. */
export interface DrainTarget {
  kind: "syslog" | "syslog+tls" | "https" | "http";
  host: string;
  port: number;
  /** The URL as given (https/http drains post to it). */
  url: string;
}

export class DrainUrlError extends Error {
  override name = "DrainUrlError";
}

const DEFAULT_PORT: Record<DrainTarget["kind"], number> = { syslog: 514, "syslog+tls": 6514, https: 443, http: 80 };

/**
 * Validates a drain URL as `drains:add` takes it (Heroku's forms): `syslog://host:port`,
 * `syslog+tls://host:port`, `https://user:pass@host/path`, and plain `http://` for receivers on a
 * private network.
 */
export function parseDrainUrl(raw: string): DrainTarget {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    throw new DrainUrlError(`"${raw.slice(0, 200)}" is not a URL; use syslog://host:port, syslog+tls://host:port or https://host/path.`);
  }
  const kind = u.protocol.slice(0, -1) as DrainTarget["kind"];
  if (!(kind in DEFAULT_PORT)) throw new DrainUrlError(`Drains speak syslog://, syslog+tls://, https:// or http://, not ${u.protocol}//.`);
  if (u.hostname === "") throw new DrainUrlError(`The drain URL needs a host: ${redactDrainUrl(raw)}`);
  if (kind.startsWith("syslog") && (u.pathname !== "" && u.pathname !== "/")) throw new DrainUrlError("A syslog drain is host:port only (no path).");
  const host = u.hostname.startsWith("[") ? u.hostname.slice(1, -1) : u.hostname;
  return { kind, host, port: u.port === "" ? DEFAULT_PORT[kind] : Number(u.port), url: u.toString() };
}

/** A drain URL fit to show in logs and notices: credentials replaced. */
export function redactDrainUrl(raw: string): string {
  try {
    const u = new URL(raw);
    if (u.username !== "" || u.password !== "") {
      u.username = "redacted";
      u.password = "";
    }
    return u.toString();
  } catch {
    return "(invalid URL)";
  }
}
