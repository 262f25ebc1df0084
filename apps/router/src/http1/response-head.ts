/** Upstream response head parsing: the status line and the few headers that decide framing. */

export interface ResponseHead {
  status: number;
  reason: string;
  raw: string[];
  /** -1 when absent. */
  contentLength: number;
  chunked: boolean;
  /** The app will close (or wants closed) the connection after this response. */
  close: boolean;
  connection: string | undefined;
}

function hasToken(list: string, token: string): boolean {
  if (list === token) return true;
  if (list.indexOf(",") === -1) return list.trim().toLowerCase() === token;
  for (const part of list.split(",")) if (part.trim().toLowerCase() === token) return true;
  return false;
}

/** Parses a head (without its final CRLFCRLF); undefined when it is not HTTP. */
export function parseResponseHead(text: string): ResponseHead | undefined {
  let eol = text.indexOf("\r\n");
  if (eol === -1) eol = text.length;
  if (!text.startsWith("HTTP/1.") || text.charCodeAt(8) !== 32) return undefined;
  const minor = text.charCodeAt(7) - 48;
  const status = Number(text.slice(9, 12));
  if (!Number.isInteger(status) || status < 100 || status > 999) return undefined;
  const reason = eol > 13 ? text.slice(13, eol) : "";
  const raw: string[] = [];
  let contentLength = -1;
  let chunked = false;
  let connection: string | undefined;
  let pos = eol + 2;
  while (pos < text.length) {
    let end = text.indexOf("\r\n", pos);
    if (end === -1) end = text.length;
    const colon = text.indexOf(":", pos);
    if (colon === -1 || colon > end) return undefined;
    const name = text.slice(pos, colon);
    let from = colon + 1;
    let to = end;
    while (from < to && (text.charCodeAt(from) === 32 || text.charCodeAt(from) === 9)) from++;
    while (to > from && (text.charCodeAt(to - 1) === 32 || text.charCodeAt(to - 1) === 9)) to--;
    const value = text.slice(from, to);
    raw.push(name, value);
    pos = end + 2;
    const n = name.length;
    if (n !== 10 && n !== 14 && n !== 17) continue;
    const lower = name.toLowerCase();
    if (lower === "content-length") {
      const len = Number(value);
      if (!Number.isSafeInteger(len) || len < 0 || (contentLength !== -1 && contentLength !== len)) return undefined;
      contentLength = len;
    } else if (lower === "transfer-encoding") chunked = value.toLowerCase().endsWith("chunked");
    else if (lower === "connection") connection = connection === undefined ? value : `${connection}, ${value}`;
  }
  if (chunked) contentLength = -1;
  const close = connection === undefined ? minor !== 1 : minor === 1 ? hasToken(connection, "close") : !hasToken(connection, "keep-alive");
  return { status, reason, raw, contentLength, chunked, close, connection };
}
