import http from "node:http";
import type { Backend, Route } from "@pier/routing-core";
import { hostFromHeader, lookupHost } from "@pier/routing-core";
import type { ClientConnection } from "./client-connection.js";
import { renderErrorResponse } from "./error-response.js";
import { clientResponseHeaders, upstreamRequestHeaders } from "./forward-headers.js";
import { BodyReader } from "./http1/body-reader.js";
import type { RequestHead } from "./http1/request-head.js";
import { parseResponseHead, type ResponseHead } from "./http1/response-head.js";
import { UpstreamPool, type UpstreamConnection, type UpstreamOwner } from "./http1/upstream-pool.js";
import { formatRequestLog } from "./log-line.js";
import type { LocalReply, ProxyContext } from "./proxy-context.js";
import { requestIdFrom } from "./request-id.js";
import { MAX_ATTEMPTS, NEVER_CONNECTED, pickBackend } from "./pick-backend.js";
import { requestError, ROUTER_ERRORS, type RouterError } from "./router-errors.js";
import { startTunnel } from "./tunnel.js";

/** Methods safe to send twice, for the keep-alive race where a reused connection was closed by the app. */
const IDEMPOTENT = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"]);
const CRLFCRLF = Buffer.from("\r\n\r\n");
const MAX_RESPONSE_HEAD = 64 * 1024;
const ACME_PREFIX = "/.well-known/acme-challenge/";
const SMALL_BODY = 16 * 1024;

function headText(first: string, pairs: string[]): string {
  let text = `${first}\r\n`;
  for (let i = 0; i < pairs.length; i += 2) text += `${pairs[i]}: ${pairs[i + 1]}\r\n`;
  return text;
}

/**
 * One request on a client connection, forwarded to one of its route's backends over a pooled
 * connection, bodies streamed both ways with backpressure. Answers exactly once: with the app's
 * response or an error page, and logs one line when the response is complete (or cut).
 * Request bytes are written upstream only once connected, so a refused connection is retried
 * on another backend with nothing lost.
 */
export class Exchange implements UpstreamOwner {
  readingBody = false;
  private readonly ctx: ProxyContext;
  private readonly startedAt = Date.now();
  private host = "";
  private requestId = "";
  private route: Route | undefined;
  private keepClient: boolean;
  private body!: BodyReader;
  private upstreamHead = "";
  private queued: Buffer[] | undefined;
  private up: UpstreamConnection | undefined;
  private backend: Backend | undefined;
  private failed: Backend[] | undefined;
  private attempts = 0;
  private resetRetried = false;
  private bodySent = false;
  private connected = false;
  private attemptStart = 0;
  private connectedAt = 0;
  /** Deadlines the sweeper checks (0: none): the app's first response byte, the connection to it. */
  private firstByteDeadline = 0;
  private connectDeadline = 0;
  private resBuf: Buffer | undefined;
  private resHead: ResponseHead | undefined;
  private resBody: BodyReader | undefined;
  private resStarted = false;
  private resDone = false;
  private reqDone = false;
  private discard = false;
  private reusable = true;
  private finished = false;
  private logged = false;
  private tunnel = false;
  private status = 0;
  private errorBytes = 0;
  private error: RouterError | undefined;

  constructor(
    private readonly client: ClientConnection,
    private readonly head: RequestHead,
  ) {
    this.ctx = client.ctx;
    this.keepClient = head.keepAlive;
  }

  start(rest: Buffer | undefined): void {
    const h = this.head;
    this.host = hostFromHeader(h.host) ?? "";
    this.requestId = requestIdFrom(h.requestId);
    this.body = new BodyReader(h.contentLength === -1 ? 0 : h.contentLength, h.chunked);
    this.readingBody = !this.body.done;
    this.reqDone = this.body.done;
    if (this.ctx.acmeChallenge !== undefined && h.target.startsWith(ACME_PREFIX) && h.method === "GET" && this.body.done) {
      if (rest !== undefined) this.client.hold(rest);
      return this.answerChallenge();
    }
    const route = lookupHost(this.ctx.getLookup(), this.host);
    this.route = route;
    const local = this.ctx.intercept?.(h, this.host, route, this.ctx.proto);
    if (local !== undefined) return this.answerLocal(local, rest);
    const error = requestError(route, h.contentLength, h.expect, this.ctx.maxBodyBytes);
    if (error !== undefined) {
      this.fail(error);
      if (rest !== undefined) this.consume(rest);
      return;
    }
    const pairs = upstreamRequestHeaders(h.raw, h.connection, {
      clientAddress: this.client.fwd, port: this.client.port, host: h.host!, requestId: this.requestId,
      start: this.startedAt, chunked: h.chunked, proto: this.ctx.proto,
    });
    if (h.upgrade !== undefined) pairs.push("Connection", "Upgrade", "Upgrade", h.upgrade);
    this.upstreamHead = `${headText(`${h.method} ${h.target} HTTP/1.${h.minor}`, pairs)}\r\n`;
    if (rest !== undefined) this.consume(rest);
    if (h.expect !== undefined && this.readingBody && h.minor === 1) this.client.socket.write("HTTP/1.1 100 Continue\r\n\r\n");
    this.firstByteDeadline = this.startedAt + this.ctx.firstByteTimeoutMs;
    this.send();
  }

  /** Feeds bytes that followed the head: body first, the rest waits for the next exchange. */
  private consume(bytes: Buffer): void {
    const used = this.readingBody ? this.onClientBody(bytes, 0) : 0;
    if (used < bytes.length && !this.client.closed) this.client.hold(bytes.subarray(used));
  }

  private send(): void {
    const b = pickBackend(this.route!.backends, this.failed, this.ctx.quarantine);
    this.backend = b;
    this.attempts += 1;
    this.attemptStart = Date.now();
    this.connected = false;
    this.bodySent = false;
    const key = UpstreamPool.key(b);
    const pooled = this.head.upgrade === undefined ? this.ctx.pool.take(key) : undefined;
    if (pooled !== undefined) {
      pooled.owner = this;
      this.up = pooled;
      this.onConnect();
      return;
    }
    const c = this.ctx.pool.connect(b, key, this.head.upgrade !== undefined);
    c.owner = this;
    this.up = c;
    c.socket.once("connect", () => {
      if (this.up === c) this.onConnect();
    });
    this.connectDeadline = this.attemptStart + this.ctx.connectTimeoutMs;
  }

  private onConnect(): void {
    this.connectDeadline = 0;
    this.connected = true;
    this.connectedAt = Date.now();
    const s = this.up!.socket;
    const queued = this.queued;
    if (queued === undefined) {
      s.write(this.upstreamHead, "latin1");
    } else {
      s.cork();
      s.write(this.upstreamHead, "latin1");
      for (const q of queued) s.write(q);
      s.uncork();
      this.queued = undefined;
      this.bodySent = true;
    }
    if (this.readingBody) this.client.socket.resume();
  }

  /** Request body bytes from chunk[from..]; returns how many belonged to this request. */
  onClientBody(chunk: Buffer, from: number): number {
    const body = this.body;
    const n = body.take(chunk, from);
    if (body.error !== undefined || body.bytes > this.ctx.maxBodyBytes) {
      const error = body.error !== undefined ? ROUTER_ERRORS.badRequest : ROUTER_ERRORS.bodyTooLarge;
      this.readingBody = false;
      this.keepClient = false;
      if (!this.resStarted) this.fail(error);
      else this.client.socket.destroy();
      this.reqDone = true;
      this.finish();
      return chunk.length;
    }
    if (!this.discard && n > 0) {
      const piece = from === 0 && n === chunk.length ? chunk : chunk.subarray(from, from + n);
      const up = this.up;
      if (this.connected && up !== undefined) {
        this.bodySent = true;
        if (!up.socket.write(piece)) this.client.socket.pause();
      } else {
        (this.queued ??= []).push(piece);
        this.client.socket.pause();
      }
    }
    if (body.done) {
      this.readingBody = false;
      this.reqDone = true;
      this.finish();
    }
    return n;
  }

  onUpstreamDrain(): void {
    if (this.readingBody) this.client.socket.resume();
  }

  onClientDrain(): void {
    this.up?.socket.resume();
  }

  onUpstreamData(chunk: Buffer): void {
    this.client.active = Date.now(); // it is about to be written to the client: the idle window restarts
    if (this.resDone) {
      this.reusable = false; // bytes after the response: the connection is out of step
      return;
    }
    if (this.resHead !== undefined) return this.forwardBody(chunk, 0);
    const buf = this.resBuf === undefined ? chunk : Buffer.concat([this.resBuf, chunk]);
    const end = buf.indexOf(CRLFCRLF);
    if (end === -1) {
      if (buf.length > MAX_RESPONSE_HEAD) return this.upstreamBroken(ROUTER_ERRORS.noResponse);
      this.resBuf = buf === chunk ? Buffer.from(chunk) : buf;
      return;
    }
    this.resBuf = undefined;
    const head = parseResponseHead(buf.toString("latin1", 0, end));
    if (head === undefined) return this.upstreamBroken(ROUTER_ERRORS.noResponse);
    const from = end + 4;
    if (head.status < 200) {
      if (head.status === 101 && this.head.upgrade !== undefined) return this.startTunnel(head, Buffer.from(buf.subarray(from)));
      if (head.status !== 100 && head.status !== 101 && this.head.minor === 1) this.client.socket.write(buf.toString("latin1", 0, from), "latin1");
      if (from < buf.length) this.onUpstreamData(buf.subarray(from));
      return;
    }
    this.firstByteDeadline = 0;
    this.resHead = head;
    this.status = head.status;
    const method = this.head.method;
    const noBody = method === "HEAD" || head.status === 204 || head.status === 304;
    const resBody = noBody ? new BodyReader(0, false) : new BodyReader(head.contentLength, head.chunked);
    this.resBody = resBody;
    if (head.close || this.head.minor === 0 || this.head.upgrade !== undefined) this.reusable = false;
    if (resBody.untilClose || this.head.upgrade !== undefined) {
      this.reusable = false;
      this.keepClient = false;
    }
    const pairs = clientResponseHeaders(head.raw, head.connection, this.requestId);
    let text = headText(`HTTP/1.1 ${head.status} ${head.reason}`, pairs);
    if (head.chunked) text += "Transfer-Encoding: chunked\r\n";
    if (!this.keepClient) text += "Connection: close\r\n";
    this.resStarted = true;
    text += "\r\n";
    // A small body goes out in the same write as the head (latin1 keeps its bytes as they
    // are): one syscall instead of a writev per response.
    const n = resBody.take(buf, from);
    if (resBody.error !== undefined) return this.upstreamBroken(ROUTER_ERRORS.noResponse);
    const s = this.client.socket;
    let ok: boolean;
    if (n <= SMALL_BODY) ok = s.write(n === 0 ? text : text + buf.toString("latin1", from, from + n), "latin1");
    else {
      s.cork();
      s.write(text, "latin1");
      ok = s.write(Buffer.from(buf.subarray(from, from + n)));
      s.uncork();
    }
    if (!ok) this.up?.socket.pause();
    if (from + n < buf.length) this.reusable = false;
    if (resBody.done) this.responseDone();
  }

  private forwardBody(chunk: Buffer, from: number): void {
    const resBody = this.resBody!;
    const n = resBody.take(chunk, from);
    if (resBody.error !== undefined) return this.upstreamBroken(ROUTER_ERRORS.noResponse);
    // The chunk is the pool's shared read buffer: the socket may hold on to what it writes.
    if (n > 0 && !this.client.socket.write(Buffer.from(chunk.subarray(from, from + n)))) {
      this.up?.socket.pause();
    }
    if (from + n < chunk.length) this.reusable = false;
    if (resBody.done) this.responseDone();
  }

  private responseDone(): void {
    this.resDone = true;
    this.firstByteDeadline = 0;
    this.log();
    if (!this.reqDone && (this.up === undefined || !this.up.usable)) this.discard = true;
    this.finish();
  }

  /** Both directions complete: hand the upstream connection back and the client on. */
  private finish(): void {
    if (!this.resDone || !this.reqDone || this.finished) return;
    this.finished = true;
    this.firstByteDeadline = 0;
    this.connectDeadline = 0;
    const c = this.up;
    this.up = undefined;
    if (c !== undefined) {
      if (this.reusable && this.resHead !== undefined && c.usable) {
        c.socket.resume();
        this.ctx.pool.release(c);
      } else {
        c.owner = undefined;
        c.socket.destroy();
      }
    }
    this.client.done(this.keepClient);
  }

  onUpstreamEnd(): void {
    const resBody = this.resBody;
    if (resBody !== undefined && resBody.untilClose && !this.resDone) {
      resBody.done = true;
      this.up = undefined;
      this.responseDone();
      return;
    }
    this.onUpstreamError(Object.assign(new Error("upstream closed the connection"), { code: "ECONNRESET" }));
  }

  onUpstreamError(err: NodeJS.ErrnoException): void {
    const c = this.up;
    if (c === undefined) return;
    c.owner = undefined;
    c.socket.destroy();
    this.up = undefined;
    this.connectDeadline = 0;
    if (this.resDone) {
      // An app may answer early (a 413, say) and close while the client is still uploading:
      // the rest of the upload goes nowhere, and the complete response stands.
      this.discard = true;
      this.client.socket.resume();
      return;
    }
    if (this.resStarted) return this.upstreamBroken(undefined);
    if (this.error !== undefined) return;
    const code = err.code ?? "";
    if (!this.connected && NEVER_CONNECTED.has(code)) {
      this.ctx.quarantine.add(c.key);
      (this.failed ??= []).push(this.backend!);
      if (this.attempts < MAX_ATTEMPTS && this.failed.length < this.route!.backends.length) return this.send();
      return this.fail(ROUTER_ERRORS.connectFailed);
    }
    if (c.reused && !this.bodySent && !this.resetRetried && this.resBuf === undefined && IDEMPOTENT.has(this.head.method)) {
      this.resetRetried = true;
      return this.send();
    }
    this.fail(ROUTER_ERRORS.noResponse);
  }

  /** The app broke the response: cut the client's too (a truncated body must not look complete). */
  private upstreamBroken(error: RouterError | undefined): void {
    if (!this.resStarted && error !== undefined) return this.fail(error);
    this.up?.socket.destroy();
    this.up = undefined;
    this.log({ code: "H18", desc: "Server Request Interrupted" });
    this.client.socket.destroy();
  }

  /** Stops the timers and closes the upstream connection (it is out of step, never pooled). */
  private abandonUpstream(): void {
    this.firstByteDeadline = 0;
    this.connectDeadline = 0;
    if (this.up === undefined) return;
    this.up.owner = undefined;
    this.up.socket.destroy();
    this.up = undefined;
  }

  /** Answers with a router error page; a request body still coming is read and dropped. */
  private fail(error: RouterError): void {
    this.abandonUpstream();
    this.error = error;
    this.status = error.status;
    if (error === ROUTER_ERRORS.bodyTooLarge || error === ROUTER_ERRORS.badRequest || error === ROUTER_ERRORS.clientIdle) {
      this.keepClient = false;
      this.readingBody = false;
      this.reqDone = true;
    }
    const reply = renderErrorResponse(error, { method: this.head.method, host: this.host, requestId: this.requestId, close: !this.keepClient, accept: this.head.accept });
    this.errorBytes = reply.bytes;
    this.resStarted = true;
    this.discard = true;
    this.client.socket.write(reply.text);
    if (this.readingBody) this.client.socket.resume();
    this.responseDone();
  }

  private answerLocal(reply: LocalReply, rest: Buffer | undefined): void {
    const body = this.head.method === "HEAD" ? "" : reply.body;
    let text = `HTTP/1.1 ${reply.status} ${http.STATUS_CODES[reply.status] ?? ""}\r\n`;
    for (const [k, v] of reply.headers) text += `${k}: ${v}\r\n`;
    text += `Content-Length: ${Buffer.byteLength(reply.body)}\r\nX-Request-Id: ${this.requestId}\r\n${this.keepClient ? "" : "Connection: close\r\n"}\r\n`;
    this.status = reply.status;
    this.errorBytes = Buffer.byteLength(body);
    this.resStarted = true;
    this.discard = true;
    this.client.socket.write(text + body);
    if (rest !== undefined) this.consume(rest);
    this.responseDone();
  }

  /** HTTP-01: the router answers for every hostname it routes, from the pending orders. */
  private answerChallenge(): void {
    const token = this.head.target.slice(ACME_PREFIX.length);
    const plain: [string, string][] = [["Content-Type", "text/plain"], ["Cache-Control", "no-store"]];
    this.ctx.acmeChallenge!(token).then(
      (keyAuthorization) => {
        if (this.client.closed) return;
        this.answerLocal(keyAuthorization === undefined ? { status: 404, headers: plain, body: "unknown challenge\n" } : { status: 200, headers: plain, body: keyAuthorization }, undefined);
      },
      () => {
        if (!this.client.closed) this.answerLocal({ status: 503, headers: plain, body: "challenges are unavailable right now\n" }, undefined);
      },
    );
  }

  private startTunnel(head: ResponseHead, upHead: Buffer): void {
    this.firstByteDeadline = 0;
    this.tunnel = true;
    this.status = 101;
    this.resStarted = true;
    const c = this.up!;
    this.up = undefined;
    this.ctx.pool.forget(c);
    const raw = head.raw.filter((_, i, all) => all[i - (i % 2)]!.toLowerCase() !== "x-request-id");
    const text = `${headText(`HTTP/1.1 101 ${head.reason}`, [...raw, "X-Request-Id", this.requestId])}\r\n`;
    const pending = this.client.pending;
    this.client.pending = undefined;
    const connectedAt = this.connectedAt;
    this.client.socket.setTimeout(this.ctx.idleTimeoutMs); // the sweeper leaves tunnels alone
    startTunnel(this.client.socket, c.socket, text, upHead, pending, () => {
      this.log(undefined, Date.now() - connectedAt);
    });
  }

  /** Called by the sweeper through the client connection. */
  checkDeadlines(now: number): void {
    if (this.tunnel || this.finished) return;
    const ctx = this.ctx;
    if (this.connectDeadline !== 0 && now >= this.connectDeadline && this.up !== undefined && !this.connected) {
      this.connectDeadline = 0;
      return this.onUpstreamError(Object.assign(new Error("connect timeout"), { code: "ETIMEDOUT" }));
    }
    if (this.firstByteDeadline !== 0 && now >= this.firstByteDeadline && !this.resStarted) return this.fail(ROUTER_ERRORS.timeout);
    const quiet = now - this.client.active;
    // The request body stopped coming (not held back by the router): 408, and the connection closes.
    if (this.readingBody && !this.resStarted && quiet >= ctx.bodyIdleTimeoutMs && !this.client.socket.isPaused()) return this.fail(ROUTER_ERRORS.clientIdle);
    if (quiet >= ctx.idleTimeoutMs) this.onIdleTimeout();
  }

  private onIdleTimeout(): void {
    if (this.tunnel) return;
    if (!this.resStarted) return this.fail(ROUTER_ERRORS.idle);
    this.up?.socket.destroy();
    this.log({ code: "H15", desc: "Idle connection" });
    this.client.socket.destroy();
  }

  onClientEnd(): void {
    if (this.readingBody) this.client.socket.destroy();
    else this.keepClient = false;
  }

  onClientClose(): void {
    if (this.tunnel || this.finished) return;
    this.finished = true;
    this.abandonUpstream();
    if (!this.resStarted) this.status = 499;
    this.log({ code: "H27", desc: "Client Request Interrupted" });
  }

  private log(error?: { code: string | undefined; desc: string }, tunnelMs?: number): void {
    if (this.logged) return;
    this.logged = true;
    const connected = this.connected;
    const e = this.error ?? error;
    this.ctx.log(formatRequestLog({
      method: this.head.method,
      path: this.head.target,
      host: this.host,
      requestId: this.requestId,
      fwd: this.client.fwd,
      dyno: this.backend?.instance,
      connectMs: connected ? this.connectedAt - this.attemptStart : undefined,
      serviceMs: tunnelMs ?? (connected ? Date.now() - this.connectedAt : undefined),
      status: this.status,
      bytes: this.resBody?.bytes ?? this.errorBytes,
    }, e));
  }
}
