import net from "node:net";
import tls from "node:tls";
import type { CompiledLookup } from "@pier/routing-core";
import { ClientConnection } from "./client-connection.js";
import { DeadlineSweeper, sweepPeriodMs } from "./deadline-sweeper.js";
import { createH2Front } from "./http2/h2-server.js";
import { UpstreamPool } from "./http1/upstream-pool.js";
import type { Intercept, ProxyContext } from "./proxy-context.js";
import { Quarantine } from "./quarantine.js";

export interface RouterServerOptions {
  /** The current lookup; called once per request, so swapping tables is one assignment. */
  getLookup: () => CompiledLookup;
  /** One line per request (access and errors). Default: stdout. */
  log?: (line: string) => void;
  /** Time from the request to the app's first response byte before a 504. Default 30 s. */
  firstByteTimeoutMs?: number;
  /** Connecting to an instance. Default 5 s. */
  connectTimeoutMs?: number;
  /** During an exchange, a window any byte to or from the client resets. Default 55 s. */
  idleTimeoutMs?: number;
  /** Upstream keep-alive pool; one is made (and destroyed on close) if absent. */
  pool?: UpstreamPool;
  /** X-Forwarded-Port to send; default the local port of the client's connection. */
  forwardedPort?: number;
  /** How long an idle client connection stays open between requests. Default 55 s, as during one. */
  keepAliveTimeoutMs?: number;
  /** A request head must arrive whole within this (slowloris); default 30 s. */
  headTimeoutMs?: number;
  /** Longest pause between request body bytes before the response started (then 408); default 30 s. */
  bodyIdleTimeoutMs?: number;
  /** Request bodies above this many bytes get 413. Default unlimited. */
  maxBodyBytes?: number;
  /** Answers some requests locally (ACME challenges, HTTPS redirects). */
  intercept?: Intercept;
  /** Key authorization for an ACME HTTP-01 token, if one is pending. */
  acmeChallenge?: (token: string) => Promise<string | undefined>;
  /**
   * Serve HTTPS with these options (SNICallback chooses certificates) instead of HTTP. With "h2"
   * in ALPNProtocols, clients that negotiate it get HTTP/2 (the others HTTP/1.1).
   */
  tls?: tls.TlsOptions;
}

/** A net.Server with the two http.Server helpers the router's callers use. */
export interface RouterServer extends net.Server {
  closeIdleConnections(): void;
  closeAllConnections(): void;
}

/**
 * The router's server (not yet listening): maps the Host header to a route and forwards over
 * HTTP/1.1 with its own lean parser and upstream pool (node:http costs 2-3x more CPU per
 * request). Knows nothing about Redis or snapshots; start-router wires those to getLookup.
 */
export function createRouterServer(options: RouterServerOptions): RouterServer {
  const ownPool = options.pool === undefined;
  const https = options.tls !== undefined;
  const ctx: ProxyContext = {
    getLookup: options.getLookup,
    pool: options.pool ?? new UpstreamPool(),
    quarantine: new Quarantine(),
    log: options.log ?? ((line) => process.stdout.write(`${line}\n`)),
    proto: https ? "https" : "http",
    forwardedPort: options.forwardedPort === undefined ? undefined : String(options.forwardedPort),
    connectTimeoutMs: options.connectTimeoutMs ?? 5_000,
    firstByteTimeoutMs: options.firstByteTimeoutMs ?? 30_000,
    idleTimeoutMs: options.idleTimeoutMs ?? 55_000,
    keepAliveTimeoutMs: options.keepAliveTimeoutMs ?? options.idleTimeoutMs ?? 55_000,
    headTimeoutMs: options.headTimeoutMs ?? 30_000,
    bodyIdleTimeoutMs: options.bodyIdleTimeoutMs ?? 30_000,
    maxBodyBytes: options.maxBodyBytes ?? Number.POSITIVE_INFINITY,
    intercept: options.intercept,
    acmeChallenge: options.acmeChallenge,
  };
  const all = new Set<ClientConnection>();
  const track = { idle: new Set<ClientConnection>() };
  const h2 = https && Array.isArray(options.tls!.ALPNProtocols) && options.tls!.ALPNProtocols.includes("h2")
    ? createH2Front(ctx, (socket) => ctx.forwardedPort ?? String(socket.localPort))
    : undefined;
  const onSocket = (socket: net.Socket) => {
    if (h2 !== undefined && (socket as tls.TLSSocket).alpnProtocol === "h2") return h2.accept(socket as tls.TLSSocket);
    const c = new ClientConnection(socket, ctx, track);
    all.add(c);
    socket.once("close", () => all.delete(c));
  };
  const server = (https
    ? tls.createServer({ handshakeTimeout: ctx.headTimeoutMs, ...options.tls, allowHalfOpen: true, noDelay: true } as tls.TlsOptions, onSocket)
    : net.createServer({ allowHalfOpen: true, noDelay: true }, onSocket)) as RouterServer;
  if (https) server.on("tlsClientError", (_err, socket) => socket.destroy());
  server.closeIdleConnections = () => {
    for (const c of track.idle) c.socket.destroy();
    h2?.closeIdle();
  };
  server.closeAllConnections = () => {
    for (const c of all) c.socket.destroy();
    h2?.closeAll();
  };
  const { connectTimeoutMs, firstByteTimeoutMs, idleTimeoutMs, keepAliveTimeoutMs, headTimeoutMs, bodyIdleTimeoutMs } = ctx;
  const sweeper = new DeadlineSweeper(all, sweepPeriodMs([connectTimeoutMs, firstByteTimeoutMs, idleTimeoutMs, keepAliveTimeoutMs, headTimeoutMs, bodyIdleTimeoutMs]));
  server.on("close", () => {
    sweeper.stop();
    h2?.destroy();
    if (ownPool) ctx.pool.destroy();
  });
  return server;
}
