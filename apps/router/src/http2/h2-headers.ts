import type { OutgoingHttpHeaders } from "node:http2";

/**
 * Header conversions between an HTTP/2 client and an HTTP/1.1 app. The app sees an ordinary
 * HTTP/1.1 request: `Host` from `:authority`, no pseudo-headers, cookies in one header (HTTP/2
 * may split them, RFC 9113 8.2.3).
 */
export function h2RequestRaw(rawHeaders: readonly string[], authority: string): string[] {
  const raw = ["Host", authority];
  let cookies: string | undefined;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!;
    if (name.charCodeAt(0) === 58 /* ":" */ || name === "host") continue;
    const value = rawHeaders[i + 1]!;
    if (name === "cookie") cookies = cookies === undefined ? value : `${cookies}; ${value}`;
    else raw.push(name, value);
  }
  if (cookies !== undefined) raw.push("cookie", cookies);
  return raw;
}

/**
 * An HTTP/2 response head from the app's end-to-end headers (hop-by-hop ones already dropped):
 * names lowercased, repeated names (Set-Cookie) as arrays.
 */
export function h2ResponseHeaders(status: number, raw: readonly string[]): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = { ":status": status };
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    const value = raw[i + 1]!;
    const had = out[name];
    if (had === undefined) out[name] = value;
    else if (Array.isArray(had)) had.push(value);
    else out[name] = [String(had), value];
  }
  return out;
}
