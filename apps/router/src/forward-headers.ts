/**
 * Header filtering on the hot path works on Node's raw header arrays ([name, value, ...]):
 * passing arrays to http.request and writeHead skips Node's per-header setHeader bookkeeping.
 * Names keep the client's spelling, so they are compared case-insensitively, lowercasing only
 * names whose length matches one we look for.
 */

/** Hop-by-hop headers (RFC 9110 7.6.1) never forwarded in either direction. */
const HOP_BY_HOP = ["connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade"];

/** Dropped from requests: hop-by-hop, proxy credentials, `Expect` (the router answers 100-continue
 * itself), and the forwarding headers the router sets, because incoming ones are not trusted. */
const DROP_FROM_REQUEST = new Set([
  ...HOP_BY_HOP, "proxy-authorization", "expect",
  "x-forwarded-for", "x-forwarded-proto", "x-forwarded-port", "x-forwarded-host", "x-request-id", "x-request-start",
]);

/** Dropped from responses: hop-by-hop, and the upstream's X-Request-Id (the router adds its own). */
const DROP_FROM_RESPONSE = new Set([...HOP_BY_HOP, "proxy-authenticate", "x-request-id"]);

function lengthsOf(names: Set<string>): boolean[] {
  const lengths: boolean[] = [];
  for (const n of names) lengths[n.length] = true;
  return lengths;
}
const REQUEST_LENGTHS = lengthsOf(DROP_FROM_REQUEST);
const RESPONSE_LENGTHS = lengthsOf(DROP_FROM_RESPONSE);

/** Names listed in a Connection header, other than the usual tokens: also hop-by-hop. */
function connectionListed(connection: string | undefined): Set<string> | undefined {
  if (connection === undefined) return undefined;
  // Nearly every Connection header is one of these: no split, no Set, per request.
  if (connection.length <= 10 && /^(?:keep-alive|close|upgrade)$/i.test(connection)) return undefined;
  let extra: Set<string> | undefined;
  for (const token of connection.split(",")) {
    const t = token.trim().toLowerCase();
    if (t === "" || t === "keep-alive" || t === "close" || t === "upgrade") continue;
    (extra ??= new Set()).add(t);
  }
  return extra;
}

function filterRaw(raw: string[], drop: Set<string>, lengths: boolean[], listed: Set<string> | undefined): string[] {
  const out: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    if (lengths[name.length] === true || listed !== undefined) {
      const lower = name.toLowerCase();
      if (drop.has(lower) || (listed !== undefined && listed.has(lower))) continue;
    }
    out.push(name, raw[i + 1]!);
  }
  return out;
}

export interface ForwardedFor {
  clientAddress: string;
  /** Port the client connected to. */
  port: string;
  /** Host header as the client sent it. */
  host: string;
  requestId: string;
  /** Unix ms when the router received the request. */
  start: number;
  /** The request has a body of unknown length: forward it chunked. */
  chunked: boolean;
  /** Scheme the client used; default http. */
  proto?: "http" | "https";
}

/** Headers for the upstream request: the client's end-to-end headers plus X-Forwarded-* and X-Request-*. */
export function upstreamRequestHeaders(raw: string[], connection: string | undefined, f: ForwardedFor): string[] {
  const out = filterRaw(raw, DROP_FROM_REQUEST, REQUEST_LENGTHS, connectionListed(connection));
  out.push(
    "X-Forwarded-For", f.clientAddress,
    "X-Forwarded-Proto", f.proto ?? "http",
    "X-Forwarded-Port", f.port,
    "X-Forwarded-Host", f.host,
    "X-Request-Id", f.requestId,
    "X-Request-Start", String(f.start),
  );
  if (f.chunked) out.push("Transfer-Encoding", "chunked");
  return out;
}

/** Headers for the client's response: the upstream's end-to-end headers plus X-Request-Id. */
export function clientResponseHeaders(raw: string[], connection: string | undefined, requestId: string): string[] {
  const out = filterRaw(raw, DROP_FROM_RESPONSE, RESPONSE_LENGTHS, connectionListed(connection));
  out.push("X-Request-Id", requestId);
  return out;
}

/** `::ffff:10.0.0.1` (an IPv4 client on a dual-stack socket) -> `10.0.0.1`. */
export function clientAddress(remote: string | undefined): string {
  if (remote === undefined) return "";
  return remote.startsWith("::ffff:") ? remote.slice(7) : remote;
}
