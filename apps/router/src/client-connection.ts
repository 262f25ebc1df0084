import type { Socket } from "node:net";
import { renderErrorResponse } from "./error-response.js";
import { Exchange } from "./exchange.js";
import { clientAddress } from "./forward-headers.js";
import { isHeadError, LIMITS, parseRequestHead } from "./http1/request-head.js";
import { formatRequestLog } from "./log-line.js";
import type { ProxyContext } from "./proxy-context.js";
import { requestIdFrom } from "./request-id.js";
import { ROUTER_ERRORS, type RouterError } from "./router-errors.js";

const CRLFCRLF = Buffer.from("\r\n\r\n");

const HEAD_ERRORS: Record<number, RouterError> = {
  400: ROUTER_ERRORS.badRequest,
  431: ROUTER_ERRORS.headersTooLarge,
  505: ROUTER_ERRORS.versionNotSupported,
};

/**
 * One client connection: reads request heads, runs one Exchange at a time (pipelined requests
 * wait in `pending`, with the socket paused), and keeps the connection for the next request
 * when both sides allow it.
 */
export class ClientConnection {
  /** Bytes received and not yet given to an exchange. */
  pending: Buffer | undefined;
  exchange: Exchange | undefined;
  readonly fwd: string;
  readonly port: string;
  /** The client half-closed: finish the exchange in flight, then close. */
  private ended = false;
  closed = false;
  /** Last time a byte came from or went to the client (the sweeper's idle clock). */
  active = Date.now();
  /** When the head being awaited must be complete (slowloris); 0 while an exchange runs. */
  private headDeadline: number;

  constructor(
    readonly socket: Socket,
    readonly ctx: ProxyContext,
    private readonly track: { idle: Set<ClientConnection> },
  ) {
    this.fwd = clientAddress(socket.remoteAddress);
    this.port = ctx.forwardedPort ?? String(socket.localPort);
    socket.setNoDelay(true);
    this.headDeadline = this.active + ctx.headTimeoutMs;
    socket.on("data", this.onData);
    socket.on("end", this.onEnd);
    socket.on("error", () => socket.destroy());
    socket.on("close", this.onClose);
    socket.on("drain", () => {
      this.active = Date.now();
      this.exchange?.onClientDrain();
    });
    track.idle.add(this);
  }

  private readonly onData = (chunk: Buffer): void => {
    this.active = Date.now();
    const ex = this.exchange;
    if (ex !== undefined && ex.readingBody) {
      const used = ex.onClientBody(chunk, 0);
      if (used < chunk.length) this.hold(chunk.subarray(used));
      return;
    }
    if (ex !== undefined) return this.hold(chunk);
    if (this.pending === undefined) {
      if (this.headDeadline === 0) this.headDeadline = this.active + this.ctx.headTimeoutMs;
      this.pending = chunk;
    } else this.pending = Buffer.concat([this.pending, chunk]);
    this.next();
  };

  /** Keeps bytes for after the exchange in flight (a pipelined request), reading no more meanwhile. */
  hold(bytes: Buffer): void {
    this.pending = this.pending === undefined ? bytes : Buffer.concat([this.pending, bytes]);
    this.socket.pause();
  }

  /** Starts the next request from `pending` when its head is complete. */
  next(): void {
    let buf = this.pending;
    if (buf === undefined || this.exchange !== undefined || this.closed) return;
    while (buf.length >= 2 && buf[0] === 13 && buf[1] === 10) buf = buf.subarray(2); // stray CRLF between requests
    const end = buf.indexOf(CRLFCRLF);
    if (end === -1) {
      this.pending = buf.length === 0 ? undefined : buf;
      if (buf.length > LIMITS.headBytes) this.reject(431, "head too long");
      else if (buf.length > LIMITS.lineBytes && buf.indexOf(10) === -1) this.reject(400, "request line too long");
      else this.socket.resume();
      return;
    }
    if (end > LIMITS.headBytes) return this.reject(431, "head too long");
    const head = parseRequestHead(buf.toString("latin1", 0, end));
    const rest = end + 4 < buf.length ? buf.subarray(end + 4) : undefined;
    this.pending = undefined;
    if (isHeadError(head)) return this.reject(head.status, head.reason);
    this.track.idle.delete(this);
    this.headDeadline = 0;
    const ex = new Exchange(this, head);
    this.exchange = ex;
    ex.start(rest);
  }

  /** The exchange is over (both directions); take the next request or close. */
  done(keep: boolean): void {
    this.exchange = undefined;
    if (!keep || this.ended || this.closed) {
      this.socket.end();
      return;
    }
    this.track.idle.add(this);
    if (this.pending !== undefined) {
      this.headDeadline = Date.now() + this.ctx.headTimeoutMs;
      this.next();
    } else this.socket.resume();
  }

  /** A request the router cannot read: answer and close. */
  private reject(status: number, reason: string): void {
    this.answerAndClose(HEAD_ERRORS[status] ?? ROUTER_ERRORS.badRequest, reason);
  }

  private answerAndClose(error: RouterError, reason: string): void {
    const requestId = requestIdFrom(undefined);
    const reply = renderErrorResponse(error, { method: "GET", host: "", requestId, close: true });
    this.pending = undefined;
    this.socket.end(reply.text);
    this.ctx.log(formatRequestLog({ method: "", path: "", host: "", requestId, fwd: this.fwd, status: error.status, bytes: reply.bytes }, { code: error.code, desc: `${error.desc}: ${reason}` }));
  }

  private readonly onEnd = (): void => {
    this.ended = true;
    if (this.exchange === undefined) this.socket.end();
    else this.exchange.onClientEnd();
  };

  /** Called by the sweeper: head timeout (slowloris), keep-alive idle, and the exchange's own. */
  checkDeadlines(now: number): void {
    if (this.closed) return;
    const ex = this.exchange;
    if (ex !== undefined) return ex.checkDeadlines(now);
    if (this.pending !== undefined || this.headDeadline !== 0) {
      if (this.headDeadline !== 0 && now >= this.headDeadline) this.headTimeout();
    } else if (now - this.active >= this.ctx.keepAliveTimeoutMs) this.socket.destroy();
  }

  /** A head still incomplete at its deadline: a client too slow (or a slowloris) gets 408 and is closed. */
  private headTimeout(): void {
    this.headDeadline = 0;
    // A connection that never sent a byte gets no answer, as nginx does.
    if (this.pending === undefined) this.socket.destroy();
    else this.answerAndClose(ROUTER_ERRORS.clientIdle, `request head not complete after ${this.ctx.headTimeoutMs} ms`);
  }

  private readonly onClose = (): void => {
    this.closed = true;
    this.track.idle.delete(this);
    this.exchange?.onClientClose();
  };
}
