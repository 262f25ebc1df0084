import type { CompiledLookup, Route } from "@pier/routing-core";
import type { RequestHead } from "./http1/request-head.js";
import type { UpstreamPool } from "./http1/upstream-pool.js";
import type { Quarantine } from "./quarantine.js";

/** An answer the router gives itself instead of proxying (ACME challenge, HTTPS redirect). */
export interface LocalReply {
  status: number;
  headers: [string, string][];
  body: string;
}

/**
 * Looked at before a request is proxied; returns a reply to answer it locally. Runs per
 * request: keep it to a Map get or two.
 */
export type Intercept = (head: RequestHead, host: string, route: Route | undefined, proto: "http" | "https") => LocalReply | undefined;

/** What every connection and exchange of one server shares. */
export interface ProxyContext {
  getLookup: () => CompiledLookup;
  pool: UpstreamPool;
  quarantine: Quarantine;
  log: (line: string) => void;
  proto: "http" | "https";
  /** X-Forwarded-Port to send; default the port the client connected to. */
  forwardedPort: string | undefined;
  connectTimeoutMs: number;
  firstByteTimeoutMs: number;
  /** Rolling window during an exchange: any byte to or from the client resets it. */
  idleTimeoutMs: number;
  keepAliveTimeoutMs: number;
  /** A request head must be complete this long after its first byte (a new connection's: after accept). */
  headTimeoutMs: number;
  /** While the request body is read and no response has started: the longest gap between body bytes. */
  bodyIdleTimeoutMs: number;
  /** Request bodies above this get 413. */
  maxBodyBytes: number;
  intercept: Intercept | undefined;
  /** Answers HTTP-01 challenges (`GET /.well-known/acme-challenge/<token>`); undefined: none known. */
  acmeChallenge: ((token: string) => Promise<string | undefined>) | undefined;
}
