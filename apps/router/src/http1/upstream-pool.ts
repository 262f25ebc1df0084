import net from "node:net";
import type { Backend } from "@pier/routing-core";

/** A pooled connection to one backend; `owner` receives its events while it carries a request. */
export interface UpstreamOwner {
  onUpstreamData(chunk: Buffer): void;
  onUpstreamEnd(): void;
  onUpstreamError(err: NodeJS.ErrnoException): void;
  onUpstreamDrain(): void;
}

export class UpstreamConnection {
  owner: UpstreamOwner | undefined;
  /** It has carried at least one exchange: a reset before any answer may be the keep-alive race. */
  reused = false;
  private ended = false;

  constructor(
    readonly socket: net.Socket,
    readonly key: string,
    private readonly pool: UpstreamPool,
  ) {
    socket.setNoDelay(true);
    socket.on("data", (chunk: Buffer) => {
      if (this.owner !== undefined) this.owner.onUpstreamData(chunk);
      else socket.destroy(); // an idle connection has nothing to say
    });
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
    socket.on("timeout", () => {
      if (this.owner === undefined) socket.destroy();
    });
  }

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

  constructor(options: UpstreamPoolOptions = {}) {
    this.idleTimeoutMs = options.idleTimeoutMs ?? 90_000;
    this.maxIdle = options.maxIdlePerBackend ?? 256;
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
    if (c !== undefined) c.socket.setTimeout(0);
    return c;
  }

  connect(b: Backend, key: string): UpstreamConnection {
    const c = new UpstreamConnection(net.connect({ host: b.host, port: b.port }), key, this);
    this.all.add(c);
    return c;
  }

  release(c: UpstreamConnection): void {
    c.owner = undefined;
    if (!c.usable) return;
    c.reused = true;
    let list = this.idle.get(c.key);
    if (list === undefined) this.idle.set(c.key, (list = []));
    if (list.length >= this.maxIdle) {
      c.socket.destroy();
      return;
    }
    c.socket.setTimeout(this.idleTimeoutMs);
    list.push(c);
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
    for (const c of this.all) c.socket.destroy();
    this.all.clear();
    this.idle.clear();
  }
}
