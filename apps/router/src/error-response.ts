import { escapeHtml, renderErrorPage } from "./error-page.js";
import type { RouterError } from "./router-errors.js";

export interface ErrorReply {
  /** The whole response, head and body. */
  text: string;
  /** Body bytes. */
  bytes: number;
}

/** A client that asks for JSON (and not HTML first) gets `{id, message}` like the API's errors. */
export function wantsJson(accept: string | undefined): boolean {
  if (accept === undefined) return false;
  const json = accept.indexOf("json");
  if (json === -1) return false;
  const html = accept.indexOf("text/html");
  return html === -1 || json < html;
}

export interface ErrorBody {
  contentType: string;
  body: string;
}

/** The page (or JSON) for a router error, for HTTP/1.1 and HTTP/2 alike. */
export function renderErrorBody(error: RouterError, o: { host: string; requestId: string; accept?: string }): ErrorBody {
  if (wantsJson(o.accept)) {
    const body = JSON.stringify({ id: error.desc.toLowerCase().replace(/ /g, "_"), message: error.body.replace(/<\/?code>/g, "`"), request_id: o.requestId });
    return { contentType: "application/json", body };
  }
  return { contentType: "text/html; charset=utf-8", body: renderErrorPage(error, o.host, o.requestId) };
}

/** A router error as a complete HTTP/1.1 response (HEAD gets the headers only). */
export function renderErrorResponse(error: RouterError, o: { method: string; host: string; requestId: string; close: boolean; accept?: string }): ErrorReply {
  const { contentType, body } = renderErrorBody(error, o);
  const length = Buffer.byteLength(body);
  const head =
    `HTTP/1.1 ${error.status} ${escapeHtml(error.title)}\r\n` +
    `Content-Type: ${contentType}\r\nContent-Length: ${length}\r\n` +
    `Cache-Control: no-store\r\nX-Request-Id: ${o.requestId}\r\n${o.close ? "Connection: close\r\n" : ""}\r\n`;
  if (o.method === "HEAD") return { text: head, bytes: 0 };
  return { text: head + body, bytes: length };
}
