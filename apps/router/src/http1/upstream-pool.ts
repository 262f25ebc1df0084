import net from "node:net";
import type { Backend } from "@pier/routing-core";

/**
 * Every upstream socket reads into this one buffer (Node's `onread`): no stream machinery and no
 * fresh 64 KB allocation per read. Reads are delivered one at a time, synchronously.
 */
const READ_BUFFER = Buffer.allocUnsafe(64 * 1024);

/** A pooled connection to one backend; `owner` receives its events while it carries a request. */
export interface UpstreamOwner {
  /** `chunk` is a view of a shared read buffer, valid only during the call: copy what outlives it. */
  onUpstreamData(chunk: Buffer): void;
  onUpstreamEnd(): void;
  onUpstreamError(err: NodeJS.ErrnoException): void;
  onUpstreamDrain(): void;
}

export class UpstreamConnection {
  readonly socket: net.Socket;
  owner: UpstreamOwner | undefined;
  /** It has carried at least one exchange: a reset before any answer may be the keep-alive race. */
  reused = false;
  /** When it went back to the pool (the pool's sweep closes it after the idle timeout). */
  idleSince = 0;
  private ended = false;

  constructor(
    backend: Backend,
    readonly key: string,
    private readonly pool: UpstreamPool,
    /** It will become a tunnel (an upgrade), piped like any stream: no shared read buffer. */
    tunnel = false,
  ) {
    const { host, port } = backend;
    const socket = tunnel ? net.connect({ host, port }) : net.connect({ host, port, onread: { buffer: READ_BUFFER, callback: this.onRead } });
    if (tunnel) socket.on("data", (chunk: Buffer) => this.onRead(chunk.length, chunk));
    this.socket = socket;
    socket.setNoDelay(true);
    socket.on("end", () => {
      this.ended = true;
      if (this.owner !== undefined) this.owner.onUpstreamEnd();
      socket.destroy();
    });
    socket.on("error", (err) => this.owner?.onUpstreamError(err));
    socket.on("close", () => {
      this.pool.forget(this);
      if (this.owner !== undefined && !this.ended) this.owner.onUpstreamError(Object.assign(new Error("upstream connection closed"), { code: "ECONNRESET" }));
    });
    socket.on("drain", () => this.owner?.onUpstreamDrain());
  }

  /** Returns true: pausing is the owner's call, through socket.pause(). */
  private readonly onRead = (n: number, buffer: Uint8Array): boolean => {
    if (this.owner !== undefined) this.owner.onUpstreamData((buffer as Buffer).subarray(0, n));
    else this.socket.destroy(); // an idle connection has nothing to say
    return true;
  };

  get usable(): boolean {
    return !this.ended && !this.socket.destroyed;
  }
}

export interface UpstreamPoolOptions {
  /** Idle pooled connections are closed after this long. Default 90 s (as Heroku's router). */
  idleTimeoutMs?: number;
  /** Most idle connections kept per backend. */
  maxIdlePerBackend?: number;
}

/**
 * Keep-alive connections to backends, most recently used first (so a burst's spare connections
 * age out). A connection is in the pool only while idle; a caller owns it until it releases it.
 */
export class UpstreamPool {
  private readonly idle = new Map<string, UpstreamConnection[]>();
  private readonly idleTimeoutMs: number;
  private readonly maxIdle: number;
  private readonly all = new Set<UpstreamConnection>();
  /** Backends of the current route table (undefined: every backend is kept). */
  private routed: ReadonlySet<string> | undefined;
  /** One sweep closes connections idle too long, instead of re-arming a socket timer per request. */
  private readonly sweep: NodeJS.Timeout;

  constructor(options: UpstreamPoolOptions = {}) {
    this.idleTimeoutMs = options.idleTimeoutMs ?? 90_000;
    this.maxIdle = options.maxIdlePerBackend ?? 256;
    this.sweep = setInterval(() => this.closeIdle(Date.now()), Math.max(10, Math.min(5_000, this.idleTimeoutMs / 4)));
    this.sweep.unref();
  }

  private closeIdle(now: number): void {
    for (const list of this.idle.values()) {
      // Least recently used first: stop at the first that is still fresh.
      while (list.length > 0 && now - list[0]!.idleSince >= this.idleTimeoutMs) list.shift()!.socket.destroy();
    }
  }

  static key(b: Backend): string {
    return `${b.host}:${b.port}`;
  }

  /** An idle connection to the backend, or undefined (then `connect`). */
  take(key: string): UpstreamConnection | undefined {
    const list = this.idle.get(key);
    if (list === undefined) return undefined;
    let c = list.pop();
    while (c !== undefined && !c.usable) c = list.pop();
    return c;
  }

  connect(b: Backend, key: string, tunnel = false): UpstreamConnection {
    const c = new UpstreamConnection(b, key, this, tunnel);
    this.all.add(c);
    return c;
  }

  release(c: UpstreamConnection): void {
    c.owner = undefined;
    if (!c.usable) return;
    if (this.routed !== undefined && !this.routed.has(c.key)) {
      c.socket.destroy();
      return;
    }
    c.reused = true;
    let list = this.idle.get(c.key);
    if (list === undefined) this.idle.set(c.key, (list = []));
    if (list.length >= this.maxIdle) {
      c.socket.destroy();
      return;
    }
    c.idleSince = Date.now();
    list.push(c);
  }

  /**
   * A new route table: idle connections to instances no longer in it are closed now, and busy
   * ones when their exchange ends, so a draining instance sees its connections go as soon as
   * its requests are answered (Pier waits for that before SIGTERM) instead of after 90 s idle.
   */
  keepOnly(keys: ReadonlySet<string>): void {
    this.routed = keys;
    for (const [key, list] of this.idle) {
      if (keys.has(key)) continue;
      for (const c of list.splice(0)) c.socket.destroy();
      this.idle.delete(key);
    }
  }

  forget(c: UpstreamConnection): void {
    this.all.delete(c);
    const list = this.idle.get(c.key);
    if (list === undefined) return;
    const i = list.indexOf(c);
    if (i !== -1) list.splice(i, 1);
    if (list.length === 0) this.idle.delete(c.key);
  }

  destroy(): void {
    clearInterval(this.sweep);
    for (const c of this.all) c.socket.destroy();
    this.all.clear();
    this.idle.clear();
  }
}
