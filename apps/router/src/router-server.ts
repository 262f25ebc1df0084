import http from "node:http";
import { hostFromHeader, lookupHost, type CompiledLookup } from "@pier/routing-core";
import { sendErrorPage } from "./error-response.js";
import { Exchange, type ProxyContext } from "./exchange.js";
import { clientAddress, upstreamRequestHeaders } from "./forward-headers.js";
import { formatRequestLog } from "./log-line.js";
import { requestIdFrom } from "./request-id.js";
import { ROUTER_ERRORS, type RouterError } from "./router-errors.js";
import { handleUpgrade } from "./upgrade.js";

export interface RouterServerOptions {
  /** The current lookup; called once per request, so swapping tables is one assignment. */
  getLookup: () => CompiledLookup;
  /** One line per request (access and errors). Default: stdout. */
  log?: (line: string) => void;
  /** Time from sending the request to the app's first response byte before a 504. Default 30 s. */
  firstByteTimeoutMs?: number;
  /** Keep-alive agent for upstream connections; one is made (and destroyed on close) if absent. */
  agent?: http.Agent;
  /** X-Forwarded-Port to send; default the local port of the client's connection. */
  forwardedPort?: number;
  /** How long an idle client connection stays open. Default 65 s. */
  keepAliveTimeoutMs?: number;
}

export function defaultUpstreamAgent(): http.Agent {
  return new http.Agent({ keepAlive: true, maxFreeSockets: 256, scheduling: "lifo" });
}

/**
 * The router's HTTP server (not yet listening): maps the Host header to a route and forwards.
 * Knows nothing about Redis or snapshots; main.ts wires those to getLookup.
 */
export function createRouterServer(options: RouterServerOptions): http.Server {
  const ownAgent = options.agent === undefined;
  const ctx: ProxyContext = {
    agent: options.agent ?? defaultUpstreamAgent(),
    firstByteTimeoutMs: options.firstByteTimeoutMs ?? 30_000,
    log: options.log ?? ((line) => process.stdout.write(`${line}\n`)),
  };
  const { getLookup, forwardedPort } = options;
  const fixedPort = forwardedPort === undefined ? undefined : String(forwardedPort);

  const server = http.createServer({ keepAliveTimeout: options.keepAliveTimeoutMs ?? 65_000 }, (req, res) => {
    const start = Date.now();
    const headers = req.headers;
    const hostHeader = headers.host;
    const host = hostFromHeader(hostHeader) ?? "";
    const requestId = requestIdFrom(headers["x-request-id"]);
    const fwd = clientAddress(req.socket.remoteAddress);
    const route = lookupHost(getLookup(), host);
    let error: RouterError | undefined;
    if (route === undefined) error = ROUTER_ERRORS.noSuchApp;
    else if (route.maintenance) error = ROUTER_ERRORS.maintenance;
    else if (route.backends.length === 0) error = ROUTER_ERRORS.noWebProcesses;
    if (error !== undefined) {
      const bytes = sendErrorPage(res, req.method, error, host, requestId);
      ctx.log(formatRequestLog({ method: req.method ?? "", path: req.url ?? "", host, requestId, fwd, status: error.status, bytes }, error));
      return;
    }
    const chunked = headers["transfer-encoding"] !== undefined;
    const length = headers["content-length"];
    const bodyless = !chunked && (length === undefined || length === "0");
    const upstreamHeaders = upstreamRequestHeaders(req.rawHeaders, headers.connection, {
      clientAddress: fwd,
      port: fixedPort ?? String(req.socket.localPort),
      host: hostHeader!,
      requestId,
      start,
      chunked,
    });
    new Exchange(ctx, { req, res, route: route!, host, requestId, fwd, headers: upstreamHeaders, bodyless }).begin();
  });

  server.on("upgrade", (req, socket, head) => handleUpgrade(ctx, getLookup, fixedPort, req, socket, head));
  if (ownAgent) server.on("close", () => ctx.agent.destroy());
  return server;
}
