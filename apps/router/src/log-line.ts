/** Logfmt value: bare when safe, else double-quoted with `"` and `\` escaped and controls dropped. */
export function logValue(v: string): string {
  if (/^[^\s"\\=]+$/.test(v)) return v;
  return `"${v.replace(/[\\"]/g, "\\$&").replace(/[\x00-\x1f\x7f]/g, "")}"`;
}

const NEEDS_ESCAPE = /[\\"\x00-\x1f\x7f]/;

/** Always quoted, as Heroku does for path and fwd. */
function quoted(v: string): string {
  if (!NEEDS_ESCAPE.test(v)) return `"${v}"`; // the common case: one scan, no copies
  return `"${v.replace(/[\\"]/g, "\\$&").replace(/[\x00-\x1f\x7f]/g, "")}"`;
}

export interface RequestLogFields {
  method: string;
  path: string;
  host: string;
  requestId: string;
  fwd: string;
  dyno?: string;
  connectMs?: number;
  serviceMs?: number;
  status: number;
  bytes: number;
}

/**
 * One router line per request, Heroku style:
 * `at=info method=GET path="/" host=a.localhost request_id=... fwd="127.0.0.1" dyno=web.1 connect=1ms service=5ms status=200 bytes=12`
 * Errors start `at=error code=H14 desc="No web processes running"`.
 */
export function formatRequestLog(f: RequestLogFields, error?: { code: string | undefined; desc: string }): string {
  const head = error === undefined ? "at=info" : `at=error${error.code === undefined ? "" : ` code=${error.code}`} desc=${quoted(error.desc)}`;
  const dyno = f.dyno === undefined ? "" : ` dyno=${logValue(f.dyno)}`;
  const connect = f.connectMs === undefined ? "" : ` connect=${f.connectMs}ms`;
  const service = f.serviceMs === undefined ? "" : ` service=${f.serviceMs}ms`;
  return `${head} method=${logValue(f.method)} path=${quoted(f.path)} host=${logValue(f.host)} request_id=${logValue(f.requestId)} fwd=${quoted(f.fwd)}${dyno}${connect}${service} status=${f.status} bytes=${f.bytes}`;
}
