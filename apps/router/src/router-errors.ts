import type { Route } from "@pier/routing-core";

/**
 * Every way the router answers for an app, with the Heroku router code logged for it. Where
 * Heroku has no code (an unknown host) the line has none; 404 and 504 are more precise than
 * Heroku's blanket 503.
 */
export const ROUTER_ERRORS = {
  noSuchApp: { status: 404, code: undefined, desc: "No such app", title: "No such app", body: "There is no app configured at this address." },
  noWebProcesses: { status: 503, code: "H14", desc: "No web processes running", title: "Application unavailable", body: "The app has no running web processes. Its owner can scale it up with <code>pier ps:scale web=1</code>." },
  maintenance: { status: 503, code: "H80", desc: "Maintenance mode", title: "Application unavailable", body: "The app is in maintenance mode. Please try again later." },
  connectFailed: { status: 502, code: "H19", desc: "Backend connection failed", title: "Bad gateway", body: "The app did not accept the connection. It may be starting or it may have crashed." },
  noResponse: { status: 502, code: "H13", desc: "Connection closed without response", title: "Bad gateway", body: "The app closed the connection without sending a response." },
  timeout: { status: 504, code: "H12", desc: "Request timeout", title: "Gateway timeout", body: "The app did not start answering in time." },
  idle: { status: 504, code: "H15", desc: "Idle connection", title: "Gateway timeout", body: "The connection was idle for too long." },
  clientIdle: { status: 408, code: "H28", desc: "Client Connection Idle", title: "Request timeout", body: "The client did not send the whole request in time." },
  badRequest: { status: 400, code: undefined, desc: "Bad request", title: "Bad request", body: "The router could not read this request." },
  headersTooLarge: { status: 431, code: undefined, desc: "Request header fields too large", title: "Request header fields too large", body: "A request header line is longer than 8192 bytes, or there are too many headers." },
  versionNotSupported: { status: 505, code: undefined, desc: "HTTP version not supported", title: "HTTP version not supported", body: "The router speaks HTTP/1.0 and HTTP/1.1." },
  bodyTooLarge: { status: 413, code: undefined, desc: "Request body too large", title: "Request body too large", body: "The request body is larger than this router accepts." },
  expectationFailed: { status: 417, code: undefined, desc: "Expectation failed", title: "Expectation failed", body: "The router only supports <code>Expect: 100-continue</code>." },
} as const;

export type RouterErrorKind = keyof typeof ROUTER_ERRORS;
export type RouterError = (typeof ROUTER_ERRORS)[RouterErrorKind];

/** Why a request cannot go to its route (for HTTP/1.1 and HTTP/2 alike), or undefined when it can. */
export function requestError(route: Route | undefined, contentLength: number, expect: string | undefined, maxBodyBytes: number): RouterError | undefined {
  if (route === undefined) return ROUTER_ERRORS.noSuchApp;
  if (route.maintenance) return ROUTER_ERRORS.maintenance;
  if (route.backends.length === 0) return ROUTER_ERRORS.noWebProcesses;
  if (contentLength > maxBodyBytes) return ROUTER_ERRORS.bodyTooLarge;
  if (expect !== undefined && expect.toLowerCase() !== "100-continue") return ROUTER_ERRORS.expectationFailed;
  return undefined;
}
