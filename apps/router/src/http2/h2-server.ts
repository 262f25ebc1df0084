import http from "node:http";
import http2 from "node:http2";
import type { TLSSocket } from "node:tls";
import { clientAddress } from "../forward-headers.js";
import type { ProxyContext } from "../proxy-context.js";
import { H2Exchange, type H2Connection } from "./h2-exchange.js";

/** Takes TLS connections that negotiated `h2` (ALPN) from the router's one TLS listener. */
export interface H2Front {
  accept(socket: TLSSocket): void;
  /** Graceful: GOAWAY, streams in flight finish. */
  closeIdle(): void;
  closeAll(): void;
  destroy(): void;
}

/**
 * HTTP/2 for clients that ask for it, on the TLS connections of the router's HTTPS server (so
 * SNI and certificates are the same code): an HTTP/2 session per connection, each stream
 * forwarded to the app over HTTP/1.1 by an H2Exchange.
 */
export function createH2Front(ctx: ProxyContext, forwardedPort: (socket: TLSSocket) => string): H2Front {
  const agent = new http.Agent({ keepAlive: true, maxFreeSockets: 256, timeout: 90_000 });
  const sessions = new Set<http2.ServerHttp2Session>();
  const connections = new WeakMap<http2.Http2Session, H2Connection>();
  const server = http2.createServer({ maxSessionMemory: 32 });
  server.on("session", (session) => {
    sessions.add(session);
    const socket = session.socket as TLSSocket;
    connections.set(session, { ctx, agent, fwd: clientAddress(socket.remoteAddress), port: forwardedPort(socket) });
    session.on("close", () => sessions.delete(session));
    session.on("error", () => session.destroy());
    // An idle session (no stream for the keep-alive window) is closed, as idle HTTP/1.1 ones are.
    session.setTimeout(ctx.keepAliveTimeoutMs, () => session.close());
  });
  server.on("stream", (stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders, _flags: number, rawHeaders: string[]) => {
    const conn = stream.session === undefined ? undefined : connections.get(stream.session);
    if (conn === undefined) return stream.destroy();
    new H2Exchange(conn, stream, headers, rawHeaders).start();
  });
  return {
    accept: (socket) => server.emit("connection", socket),
    closeIdle: () => {
      for (const s of sessions) s.close();
    },
    closeAll: () => {
      for (const s of sessions) s.destroy();
    },
    destroy: () => agent.destroy(),
  };
}
