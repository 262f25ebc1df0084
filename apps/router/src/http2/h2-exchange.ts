import http from "node:http";
import { constants, type IncomingHttpHeaders, type ServerHttp2Stream } from "node:http2";
import type { Backend, Route } from "@pier/routing-core";
import { hostFromHeader, lookupHost } from "@pier/routing-core";
import { renderErrorBody } from "../error-response.js";
import { clientResponseHeaders, upstreamRequestHeaders } from "../forward-headers.js";
import { UpstreamPool } from "../http1/upstream-pool.js";
import { formatRequestLog } from "../log-line.js";
import { MAX_ATTEMPTS, NEVER_CONNECTED, pickBackend } from "../pick-backend.js";
import type { ProxyContext } from "../proxy-context.js";
import { requestIdFrom } from "../request-id.js";
import { requestError, ROUTER_ERRORS, type RouterError } from "../router-errors.js";
import { h2RequestRaw, h2ResponseHeaders } from "./h2-headers.js";

const { NGHTTP2_INTERNAL_ERROR } = constants;

/** What the streams of one HTTP/2 connection share. */
export interface H2Connection {
  ctx: ProxyContext;
  /** Keep-alive HTTP/1.1 connections to the apps. */
  agent: http.Agent;
  fwd: string;
  port: string;
}

/**
 * One HTTP/2 stream forwarded to an app over HTTP/1.1 (node:http with a keep-alive agent): the
 * same routing, forwarded headers, error pages, timeouts and access log line as the HTTP/1.1
 * path. The request body goes up only once connected, so a refused connection is retried on
 * another instance with nothing lost.
 */
export class H2Exchange {
  private readonly startedAt = Date.now();
  private readonly method: string;
  private readonly path: string;
  private readonly host: string;
  private readonly requestId: string;
  private route: Route | undefined;
  private pairs: string[] = [];
  private req: http.ClientRequest | undefined;
  private backend: Backend | undefined;
  private failed: Backend[] | undefined;
  private attempts = 0;
  private attemptStart = 0;
  private connectedAt = 0;
  private bodySent = false;
  private responded = false;
  private status = 0;
  private bytes = 0;
  private bytesIn = 0;
  private logged = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly conn: H2Connection,
    private readonly stream: ServerHttp2Stream,
    private readonly headers: IncomingHttpHeaders,
    private readonly rawHeaders: string[],
  ) {
    this.method = String(headers[":method"] ?? "");
    this.path = String(headers[":path"] ?? "");
    const authority = headers[":authority"] ?? headers.host;
    this.host = hostFromHeader(authority) ?? "";
    const id = headers["x-request-id"];
    this.requestId = requestIdFrom(typeof id === "string" ? id : undefined);
  }

  start(): void {
    const { ctx } = this.conn;
    const stream = this.stream;
    stream.on("close", () => this.onClientClose());
    stream.on("error", () => stream.destroy());
    if (this.method === "CONNECT" || this.path === "") return this.fail(ROUTER_ERRORS.badRequest);
    const route = lookupHost(ctx.getLookup(), this.host);
    this.route = route;
    const length = this.headers["content-length"];
    const expect = this.headers.expect;
    const error = requestError(route, length === undefined ? -1 : Number(length), typeof expect === "string" ? expect : undefined, ctx.maxBodyBytes);
    if (error !== undefined) return this.fail(error);
    const authority = String(this.headers[":authority"] ?? this.headers.host);
    this.pairs = upstreamRequestHeaders(h2RequestRaw(this.rawHeaders, authority), undefined, {
      clientAddress: this.conn.fwd, port: this.conn.port, host: authority, requestId: this.requestId, start: this.startedAt, chunked: false, proto: "https",
    });
    stream.on("data", (chunk: Buffer) => this.onBodyData(chunk));
    stream.pause(); // the body waits for a connection to the app
    this.timer = setTimeout(() => this.fail(ROUTER_ERRORS.timeout), ctx.firstByteTimeoutMs);
    stream.setTimeout(ctx.idleTimeoutMs, () => this.onIdle());
    this.send();
  }

  private send(): void {
    const { ctx, agent } = this.conn;
    const b = pickBackend(this.route!.backends, this.failed, ctx.quarantine);
    this.backend = b;
    this.attempts += 1;
    this.attemptStart = Date.now();
    const req = http.request({ host: b.host, port: b.port, method: this.method, path: this.path, headers: this.pairs as unknown as http.OutgoingHttpHeaders, agent, setHost: false });
    this.req = req;
    const connectTimer = setTimeout(() => req.destroy(Object.assign(new Error("connect timeout"), { code: "ETIMEDOUT" })), ctx.connectTimeoutMs);
    req.on("socket", (socket) => {
      const connected = () => {
        clearTimeout(connectTimer);
        if (this.req === req) this.onConnected(req);
      };
      if (socket.connecting) socket.once("connect", connected);
      else connected();
    });
    req.on("response", (res) => this.onResponse(res));
    req.on("error", (err: NodeJS.ErrnoException) => {
      clearTimeout(connectTimer);
      if (this.req === req) this.onUpstreamError(err, b);
    });
  }

  private onConnected(req: http.ClientRequest): void {
    this.connectedAt = Date.now();
    this.bodySent = true;
    if (this.stream.readableEnded) req.end();
    else {
      this.stream.pipe(req);
      this.stream.resume();
    }
  }

  private onBodyData(chunk: Buffer): void {
    this.bytesIn += chunk.length;
    if (this.bytesIn <= this.conn.ctx.maxBodyBytes) return;
    if (!this.responded) return this.fail(ROUTER_ERRORS.bodyTooLarge);
    this.req?.destroy();
    this.stream.close(NGHTTP2_INTERNAL_ERROR);
  }

  private onResponse(res: http.IncomingMessage): void {
    clearTimeout(this.timer);
    if (this.responded) return void res.destroy();
    this.responded = true;
    this.status = res.statusCode ?? 502;
    const stream = this.stream;
    if (stream.destroyed) return void res.destroy();
    const connection = res.headers.connection;
    const headers = h2ResponseHeaders(this.status, clientResponseHeaders(res.rawHeaders, connection, this.requestId));
    const noBody = this.method === "HEAD" || this.status === 204 || this.status === 304;
    stream.respond(headers, { endStream: noBody });
    if (noBody) {
      res.resume();
      res.on("end", () => this.log());
      return;
    }
    res.on("data", (chunk: Buffer) => (this.bytes += chunk.length));
    res.on("end", () => this.log());
    res.on("aborted", () => this.cut());
    res.on("error", () => this.cut());
    res.pipe(stream);
  }

  private onUpstreamError(err: NodeJS.ErrnoException, b: Backend): void {
    if (this.responded) return this.cut();
    const code = err.code ?? "";
    if (this.connectedAt === 0 && NEVER_CONNECTED.has(code)) {
      this.conn.ctx.quarantine.add(UpstreamPool.key(b));
      (this.failed ??= []).push(b);
      if (this.attempts < MAX_ATTEMPTS && this.failed.length < this.route!.backends.length) return this.send();
      return this.fail(ROUTER_ERRORS.connectFailed);
    }
    this.fail(ROUTER_ERRORS.noResponse);
  }

  /** The app broke the response off: reset the stream (a truncated body must not look complete). */
  private cut(): void {
    this.log({ code: "H18", desc: "Server Request Interrupted" });
    this.req?.destroy();
    if (!this.stream.destroyed) this.stream.close(NGHTTP2_INTERNAL_ERROR);
  }

  private onIdle(): void {
    if (!this.responded) return this.fail(ROUTER_ERRORS.idle);
    this.log({ code: "H15", desc: "Idle connection" });
    this.req?.destroy();
    this.stream.close(NGHTTP2_INTERNAL_ERROR);
  }

  /** Answers with a router error page (once; nothing was sent yet). */
  private fail(error: RouterError): void {
    clearTimeout(this.timer);
    const req = this.req;
    this.req = undefined;
    req?.destroy();
    const stream = this.stream;
    if (this.responded || stream.destroyed) return;
    this.responded = true;
    this.status = error.status;
    const accept = this.headers.accept;
    const { contentType, body } = renderErrorBody(error, { host: this.host, requestId: this.requestId, accept: typeof accept === "string" ? accept : undefined });
    const bytes = Buffer.byteLength(body);
    stream.respond({ ":status": error.status, "content-type": contentType, "content-length": bytes, "cache-control": "no-store", "x-request-id": this.requestId });
    if (this.method === "HEAD") stream.end();
    else {
      this.bytes = bytes;
      stream.end(body);
    }
    this.log(error);
  }

  private onClientClose(): void {
    clearTimeout(this.timer);
    if (this.logged) return;
    this.req?.destroy();
    if (!this.responded) this.status = 499;
    this.log({ code: "H27", desc: "Client Request Interrupted" });
  }

  private log(error?: { code: string | undefined; desc: string }): void {
    if (this.logged) return;
    this.logged = true;
    const connected = this.connectedAt !== 0;
    this.conn.ctx.log(formatRequestLog({
      method: this.method,
      path: this.path,
      host: this.host,
      requestId: this.requestId,
      fwd: this.conn.fwd,
      dyno: this.backend?.instance,
      connectMs: connected ? this.connectedAt - this.attemptStart : undefined,
      serviceMs: connected ? Date.now() - this.connectedAt : undefined,
      status: this.status,
      bytes: this.bytes,
    }, error));
  }
}
