import type http from "node:http";
import { renderErrorPage } from "./error-page.js";
import type { RouterError } from "./router-errors.js";

/** Sends a router error page (HEAD gets the headers only). Returns the body bytes sent. */
export function sendErrorPage(res: http.ServerResponse, method: string | undefined, error: RouterError, host: string, requestId: string): number {
  const page = renderErrorPage(error, host, requestId);
  const length = Buffer.byteLength(page);
  res.writeHead(error.status, [
    "Content-Type", "text/html; charset=utf-8",
    "Content-Length", String(length),
    "Cache-Control", "no-store",
    "X-Request-Id", requestId,
  ]);
  if (method === "HEAD") {
    res.end();
    return 0;
  }
  res.end(page);
  return length;
}
