/**
 * HTTP/1.x request head parsing for the proxy's hot path: one pass over the head as a latin1
 * string, no regex, raw header pairs kept in the client's spelling. Rejects what would let a
 * request be read two ways (smuggling): obs-fold, space before the colon, conflicting
 * Content-Length, a Transfer-Encoding that does not end in chunked.
 */

export const LIMITS = {
  /** Request line and each header line, as Heroku's router. */
  lineBytes: 8192,
  headerNameBytes: 1000,
  headerCount: 1000,
  /** The whole head; a client sending more gets 431 before the end is even found. */
  headBytes: 64 * 1024,
} as const;

export interface RequestHead {
  method: string;
  target: string;
  /** 1 for HTTP/1.1, 0 for HTTP/1.0. */
  minor: number;
  /** [name, value, name, value, ...] as sent. */
  raw: string[];
  host: string | undefined;
  /** -1 when absent. */
  contentLength: number;
  chunked: boolean;
  /** The client wants the connection kept after this exchange. */
  keepAlive: boolean;
  connection: string | undefined;
  upgrade: string | undefined;
  expect: string | undefined;
  requestId: string | undefined;
  accept: string | undefined;
}

export interface HeadError {
  status: 400 | 431 | 505;
  reason: string;
}

const TCHAR = new Uint8Array(128);
for (const c of "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") TCHAR[c.charCodeAt(0)] = 1;

function isToken(s: string, from: number, to: number): boolean {
  if (to <= from) return false;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c > 127 || TCHAR[c] === 0) return false;
  }
  return true;
}

function trimOws(s: string, from: number, to: number): string {
  while (from < to && (s.charCodeAt(from) === 32 || s.charCodeAt(from) === 9)) from++;
  while (to > from && (s.charCodeAt(to - 1) === 32 || s.charCodeAt(to - 1) === 9)) to--;
  return s.slice(from, to);
}

function hasToken(list: string, token: string): boolean {
  for (const part of list.split(",")) if (part.trim().toLowerCase() === token) return true;
  return false;
}

function lastToken(list: string): string {
  const i = list.lastIndexOf(",");
  return (i === -1 ? list : list.slice(i + 1)).trim().toLowerCase();
}

function parseLength(v: string): number {
  if (v.length === 0 || v.length > 15) return -2;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c < 48 || c > 57) return -2;
  }
  return Number(v);
}

const bad = (reason: string): HeadError => ({ status: 400, reason });

/** Parses a head (without its final CRLFCRLF). */
export function parseRequestHead(text: string): RequestHead | HeadError {
  let eol = text.indexOf("\r\n");
  if (eol === -1) eol = text.length;
  if (eol > LIMITS.lineBytes) return bad("request line too long");
  const sp1 = text.indexOf(" ");
  const sp2 = sp1 === -1 ? -1 : text.indexOf(" ", sp1 + 1);
  if (sp1 <= 0 || sp2 === -1 || sp2 >= eol || sp2 === sp1 + 1) return bad("malformed request line");
  if (!isToken(text, 0, sp1)) return bad("malformed method");
  const version = text.slice(sp2 + 1, eol);
  let minor: number;
  if (version === "HTTP/1.1") minor = 1;
  else if (version === "HTTP/1.0") minor = 0;
  else if (version.startsWith("HTTP/")) return { status: 505, reason: "HTTP version not supported" };
  else return bad("malformed request line");
  const target = text.slice(sp1 + 1, sp2);
  for (let i = 0; i < target.length; i++) {
    const c = target.charCodeAt(i);
    if (c <= 32 || c === 127) return bad("malformed request target");
  }

  const raw: string[] = [];
  let host: string | undefined;
  let contentLength = -1;
  let te: string | undefined;
  let connection: string | undefined;
  let upgrade: string | undefined;
  let expect: string | undefined;
  let requestId: string | undefined;
  let accept: string | undefined;
  let pos = eol + 2;
  while (pos < text.length) {
    let end = text.indexOf("\r\n", pos);
    if (end === -1) end = text.length;
    if (end - pos > LIMITS.lineBytes) return { status: 431, reason: "header line too long" };
    const first = text.charCodeAt(pos);
    if (first === 32 || first === 9) return bad("folded header line");
    const colon = text.indexOf(":", pos);
    if (colon === -1 || colon > end) return bad("header line without a colon");
    if (colon - pos > LIMITS.headerNameBytes) return { status: 431, reason: "header name too long" };
    if (!isToken(text, pos, colon)) return bad("malformed header name");
    if (raw.length >= LIMITS.headerCount * 2) return { status: 431, reason: "too many headers" };
    const name = text.slice(pos, colon);
    const value = trimOws(text, colon + 1, end);
    for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) === 0) return bad("NUL in a header value");
    raw.push(name, value);
    pos = end + 2;
    // Only names of the lengths we care about are lowercased.
    const n = name.length;
    if (n !== 4 && n !== 6 && n !== 7 && n !== 10 && n !== 12 && n !== 14 && n !== 17) continue;
    switch (name.toLowerCase()) {
      case "host":
        if (host !== undefined) return bad("more than one Host header");
        host = value;
        break;
      case "content-length": {
        const len = parseLength(value);
        if (len === -2) return bad("malformed Content-Length");
        if (contentLength !== -1 && contentLength !== len) return bad("conflicting Content-Length headers");
        contentLength = len;
        break;
      }
      case "transfer-encoding":
        te = te === undefined ? value : `${te}, ${value}`;
        break;
      case "connection":
        connection = connection === undefined ? value : `${connection}, ${value}`;
        break;
      case "upgrade":
        upgrade = value;
        break;
      case "expect":
        expect = value;
        break;
      case "x-request-id":
        requestId = value;
        break;
      case "accept":
        accept = value;
        break;
    }
  }
  let chunked = false;
  if (te !== undefined) {
    if (minor === 0 || lastToken(te) !== "chunked") return bad("unsupported Transfer-Encoding");
    chunked = true; // chunked wins over Content-Length, which must then not reach the app
    if (contentLength !== -1) {
      for (let i = raw.length - 2; i >= 0; i -= 2) if (raw[i]!.toLowerCase() === "content-length") raw.splice(i, 2);
    }
    contentLength = -1;
  }
  const keepAlive = connection === undefined ? minor === 1 : minor === 1 ? !hasToken(connection, "close") : hasToken(connection, "keep-alive");
  if (upgrade !== undefined && (connection === undefined || !hasToken(connection, "upgrade"))) upgrade = undefined;
  return { method: text.slice(0, sp1), target, minor, raw, host, contentLength, chunked, keepAlive, connection, upgrade, expect, requestId, accept };
}

export function isHeadError(h: RequestHead | HeadError): h is HeadError {
  return (h as HeadError).reason !== undefined;
}
