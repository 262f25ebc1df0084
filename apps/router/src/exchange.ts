import http from "node:http";
import type { Socket } from "node:net";
import type { Backend, Route } from "@pier/routing-core";
import { sendErrorPage } from "./error-response.js";
import { clientResponseHeaders } from "./forward-headers.js";
import { formatRequestLog } from "./log-line.js";
import { ROUTER_ERRORS, type RouterError } from "./router-errors.js";

/** What every exchange shares: set up once per server. */
export interface ProxyContext {
  agent: http.Agent;
  firstByteTimeoutMs: number;
  log: (line: string) => void;
}

/** Errors meaning the TCP connection was never made: nothing reached the app, so another may take it. */
const NEVER_CONNECTED = new Set(["ECONNREFUSED", "EHOSTUNREACH", "ENETUNREACH", "EADDRNOTAVAIL"]);
/** Methods safe to send twice, for the keep-alive race where a reused connection was closed by the app. */
const IDEMPOTENT = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"]);
const MAX_ATTEMPTS = 10;

/** A routed client request, ready to forward. */
export interface ExchangeRequest {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  route: Route;
  /** Normalized hostname, for pages and logs. */
  host: string;
  requestId: string;
  /** Client address as sent in X-Forwarded-For. */
  fwd: string;
  /** Headers for the upstream request (raw array). */
  headers: string[];
  /** No request body: the request can be sent before the connection is up, and retried. */
  bodyless: boolean;
}

/**
 * One client request forwarded to one of a route's backends. Holds the little state a request
 * needs (which backends failed, timings, byte count) and answers exactly once: with the
 * upstream's response, or with an error page. The client body is piped only once the upstream
 * connection is made, so a refused connection can be retried on another backend with the
 * body untouched.
 */
export class Exchange {
  private backend: Backend | undefined;
  private upstream: http.ClientRequest | undefined;
  private upstreamResponse: http.IncomingMessage | undefined;
  private failed: Backend[] | undefined;
  private attempts = 0;
  private resetRetried = false;
  private bodyStarted = false;
  private responded = false;
  private upstreamBroken = false;
  private error: RouterError | undefined;
  private attemptStart = 0;
  private connectedAt = 0;
  private bytes = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly ctx: ProxyContext,
    private readonly r: ExchangeRequest,
  ) {}

  begin(): void {
    this.timer = setTimeout(this.onTimeout, this.ctx.firstByteTimeoutMs);
    this.r.res.once("close", this.onClientClose);
    this.send();
  }

  private pickBackend(): Backend {
    const all = this.r.route.backends;
    const failed = this.failed;
    const choices = failed === undefined ? all : all.filter((b) => !failed.includes(b));
    return choices[(Math.random() * choices.length) | 0]!;
  }

  private send(): void {
    const b = this.pickBackend();
    this.backend = b;
    this.attempts += 1;
    this.attemptStart = Date.now();
    this.connectedAt = 0;
    const up = http.request({
      host: b.host,
      port: b.port,
      method: this.r.req.method,
      path: this.r.req.url,
      headers: this.r.headers,
      agent: this.ctx.agent,
    });
    this.upstream = up;
    up.on("socket", this.onSocket);
    up.on("response", this.onResponse);
    up.on("error", this.onUpstreamError);
    if (this.r.bodyless) up.end();
  }

  private readonly onSocket = (socket: Socket): void => {
    if (socket.connecting) socket.once("connect", this.onConnect);
    else this.onConnect();
  };

  private readonly onConnect = (): void => {
    if (this.responded) return;
    this.connectedAt = Date.now();
    if (!this.r.bodyless && !this.bodyStarted) {
      this.bodyStarted = true;
      this.r.req.pipe(this.upstream!);
    }
  };

  private readonly onResponse = (up: http.IncomingMessage): void => {
    if (this.responded) {
      up.resume();
      return;
    }
    this.responded = true;
    this.upstreamResponse = up;
    clearTimeout(this.timer);
    const res = this.r.res;
    res.writeHead(up.statusCode!, up.statusMessage, clientResponseHeaders(up.rawHeaders, up.headers.connection, this.r.requestId));
    up.on("data", (chunk: Buffer) => (this.bytes += chunk.length));
    up.once("close", () => {
      // The app closed the connection mid-response: cut the client's response too, so the
      // client sees a truncated body instead of a complete-looking one.
      if (!up.complete && !res.writableEnded) {
        this.upstreamBroken = true;
        res.destroy();
      }
    });
    up.pipe(res);
  };

  private readonly onUpstreamError = (err: NodeJS.ErrnoException): void => {
    if (this.r.res.writableEnded || this.r.res.destroyed) return;
    if (this.responded) {
      // An app may answer early (a 413, say) and close while the client is still uploading:
      // the write error then concerns the request only, and the complete response stands.
      if (this.upstreamResponse?.complete) return;
      this.upstreamBroken = true;
      this.r.res.destroy();
      return;
    }
    const code = err.code ?? "";
    if (NEVER_CONNECTED.has(code) && this.attempts < MAX_ATTEMPTS) {
      (this.failed ??= []).push(this.backend!);
      if (this.failed.length < this.r.route.backends.length) return this.send();
    } else if (
      (code === "ECONNRESET" || code === "EPIPE") && this.upstream!.reusedSocket && !this.bodyStarted &&
      !this.resetRetried && IDEMPOTENT.has(this.r.req.method!)
    ) {
      this.resetRetried = true;
      return this.send();
    }
    this.fail(this.connectedAt === 0 ? ROUTER_ERRORS.connectFailed : ROUTER_ERRORS.noResponse);
  };

  private readonly onTimeout = (): void => {
    if (this.responded) return;
    this.upstream?.destroy();
    this.fail(ROUTER_ERRORS.timeout);
  };

  private fail(error: RouterError): void {
    this.responded = true;
    clearTimeout(this.timer);
    this.error = error;
    this.bytes = sendErrorPage(this.r.res, this.r.req.method, error, this.r.host, this.r.requestId);
  }

  private readonly onClientClose = (): void => {
    clearTimeout(this.timer);
    const res = this.r.res;
    const complete = res.writableFinished;
    if (!complete) this.upstream?.destroy();
    const now = Date.now();
    const connected = this.connectedAt !== 0;
    let error: { code: string | undefined; desc: string } | undefined = this.error;
    let status = res.statusCode;
    if (!complete && this.upstreamBroken) error = { code: "H18", desc: "Server Request Interrupted" };
    else if (!complete) {
      error = { code: "H27", desc: "Client Request Interrupted" };
      if (!res.headersSent) status = 499;
    }
    this.ctx.log(formatRequestLog({
      method: this.r.req.method ?? "",
      path: this.r.req.url ?? "",
      host: this.r.host,
      requestId: this.r.requestId,
      fwd: this.r.fwd,
      dyno: this.backend?.instance,
      connectMs: connected ? this.connectedAt - this.attemptStart : undefined,
      serviceMs: connected ? now - this.connectedAt : undefined,
      status,
      bytes: this.bytes,
    }, error));
  };
}
