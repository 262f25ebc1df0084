import { registrySettings, type RegistrySettings } from "./registry-config.js";

/** Pier's settings, all from the environment with defaults for a single-host install. */
export interface PipSettings {
  indexUrl: string;
  extraIndexUrls: string[];
  findLinks: string[];
}

export interface PierConfig {
  dataDir: string;
  apiPort: number;
  httpPort: number;
  httpsPort: number;
  baseDomain: string;
  /** URL clients use to reach the API (git remotes, CLI hints). */
  apiUrl: string;
  databaseUrl: string;
  redisUrl: string;
  dockerSocket: string;
  stackImage: string;
  pip: PipSettings;
  /** Extra CA bundle mounted into builders (the npm registry's TLS goes through it). */
  caBundle: string;
  bootTimeoutMs: number;
  /** Port of the git-over-SSH endpoint (`git push ssh://git@host:PORT/app.git`). */
  sshPort: number;
  /** Port of the TLS rendezvous endpoint `heroku run` attaches to (`attach_url: rendezvous://host:PORT/secret`). */
  rendezvousPort: number;
  /** Builds: how many run at once on a host, how long one may take, how much memory it gets. */
  build: { concurrency: number; timeoutMs: number; memoryBytes: number };
  /**
   * PIER_SOURCE_URL_ALLOW (space or comma separated): where Builds API `source_blob.url`s may point:
   * `public`, hosts, `*.` wildcards, URL prefixes. Empty: `public` (public addresses only).
   */
  sourceUrlAllow: string[];
  /** Email of the admin user created at first start. */
  adminEmail: string;
  /** Address the API listens on. */
  apiHost: string;
  /**
   * Key that encrypts config vars (AES-256-GCM): PIER_SECRET_KEY (base64 of 32 bytes), else the
   * file PIER_SECRET_KEY_FILE (default $PIER_DATA_DIR/secret.key), made at first start.
   */
  secretKey?: string;
  secretKeyFile: string;
  /** PIER_SECRET_KEY_PREVIOUS: keys still accepted for reading during a key rotation (base64, space-separated). */
  previousSecretKeys: string[];
  /** ACME directory for automatic certificates; "" when PIER_ACME_DIRECTORY_URL=off. */
  acmeDirectoryUrl: string;
  /** Contact for the ACME account; default the admin email. */
  acmeEmail: string;
  /** Extra CA certificate(s) to trust for the ACME directory's own HTTPS (a test CA such as pebble). */
  acmeCaFile?: string;
  /** The ACME account key, made at first use. */
  acmeAccountKeyFile: string;
  /** First retry delay after a failed order (PIER_ACME_RETRY_BASE, seconds), doubling per failure; undefined: 1 min. */
  acmeRetryBaseMs?: number;
  /** Routers answer 413 to request bodies larger than this (PIER_ROUTER_MAX_BODY_MB); undefined: no limit. */
  routerMaxBodyBytes?: number;
  /** Database add-ons: the stack image (PIER_STACK_DATA_IMAGE) and how long a destroyed add-on's volume is kept (PIER_ADDON_GRACE, seconds, default 7 days). */
  addons: { image: string; graceMs: number };
  /** PIER_REGISTRY / PIER_REGISTRY_PULL: images reach other hosts through this registry; undefined: streamed engine to engine. */
  registry?: RegistrySettings;
  /**
   * PIER_HOST_ADDRESS: this machine's address as other hosts reach it (its private address). The
   * local host is registered with it; add-ons are published on it for instances on other hosts.
   * Undefined: left as registered (127.0.0.1 at first: a single-host install).
   */
  hostAddress?: string;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

type Env = Record<string, string | undefined>;

function port(env: Env, key: string, fallback: number): number {
  const raw = env[key];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || n > 65535) {
    throw new ConfigError(`${key} must be a port number from 1 to 65535, got "${raw}"`);
  }
  return n;
}

function positiveInt(env: Env, key: string, fallback: number): number {
  const raw = env[key];
  if (raw === undefined || raw === "") return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) === 0) {
    throw new ConfigError(`${key} must be a positive whole number, got "${raw}"`);
  }
  return Number(raw);
}

function url(env: Env, key: string, fallback: string, protocols: string[]): string {
  const raw = env[key] || fallback;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${key} must be a URL (${protocols.join(" or ")}), got "${raw}"`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${key} must be a ${protocols.join(" or ")} URL, got "${raw}"`);
  }
  return raw;
}

function absolutePath(env: Env, key: string, fallback: string): string {
  const raw = env[key] || fallback;
  if (!raw.startsWith("/")) throw new ConfigError(`${key} must be an absolute path, got "${raw}"`);
  return raw.replace(/\/+$/, "") || "/";
}

function secretKey(env: Env, name = "PIER_SECRET_KEY", raw = env[name]): string | undefined {
  if (raw === undefined || raw === "") return undefined;
  if (!/^[A-Za-z0-9+/_-]+=*$/.test(raw) || Buffer.from(raw, "base64").length !== 32) {
    throw new ConfigError(`${name} must be 32 random bytes in base64 (make one with: openssl rand -base64 32)`);
  }
  return raw;
}

function list(env: Env, key: string): string[] {
  return (env[key] ?? "").split(/\s+/).filter(Boolean);
}

function email(env: Env, key: string, fallback: string): string {
  const raw = env[key] || fallback;
  if (!/^[^\s@]+@[^\s@]+$/.test(raw)) throw new ConfigError(`${key} must be an email address, got "${raw}"`);
  return raw;
}

const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** Pure: environment in, validated settings out; throws ConfigError naming the bad setting. */
export function parseConfig(env: Env): PierConfig {
  const apiPort = port(env, "PIER_API_PORT", 5000);
  const baseDomain = (env.PIER_BASE_DOMAIN || "localhost").toLowerCase();
  if (!DOMAIN.test(baseDomain)) {
    throw new ConfigError(`PIER_BASE_DOMAIN must be a DNS name such as example.com, got "${baseDomain}"`);
  }
  const pipIndex = url(env, "PIER_PIP_INDEX_URL", "https://pypi.org/simple", ["https:", "http:", "file:"]);
  const extra = list(env, "PIER_PIP_EXTRA_INDEX_URLS");
  extra.forEach((u, i) => url({ [`PIER_PIP_EXTRA_INDEX_URLS[${i}]`]: u }, `PIER_PIP_EXTRA_INDEX_URLS[${i}]`, u, ["https:", "http:", "file:"]));
  const dataDir = absolutePath(env, "PIER_DATA_DIR", "/var/lib/pier");
  return {
    dataDir,
    apiPort,
    httpPort: port(env, "PIER_HTTP_PORT", 80),
    httpsPort: port(env, "PIER_HTTPS_PORT", 443),
    baseDomain,
    apiUrl: url(env, "PIER_API_URL", `http://127.0.0.1:${apiPort}`, ["http:", "https:"]).replace(/\/+$/, ""),
    databaseUrl: url(env, "DATABASE_URL", "postgresql://pier:pier@127.0.0.1:5432/pier", ["postgresql:", "postgres:"]),
    redisUrl: url(env, "REDIS_URL", "redis://127.0.0.1:6379", ["redis:", "rediss:"]),
    dockerSocket: absolutePath(env, "PIER_DOCKER_SOCKET", "/var/run/docker.sock"),
    stackImage: env.PIER_STACK_IMAGE || "pier/stack-python:3.11",
    pip: { indexUrl: pipIndex, extraIndexUrls: extra, findLinks: list(env, "PIER_PIP_FIND_LINKS") },
    caBundle: absolutePath(env, "PIER_CA_BUNDLE", "/etc/ssl/certs/ca-certificates.crt"),
    bootTimeoutMs: positiveInt(env, "PIER_BOOT_TIMEOUT", 60) * 1000,
    sshPort: port(env, "PIER_SSH_PORT", 2222),
    rendezvousPort: port(env, "PIER_RENDEZVOUS_PORT", 5001),
    build: {
      concurrency: positiveInt(env, "PIER_BUILD_CONCURRENCY", 2),
      timeoutMs: positiveInt(env, "PIER_BUILD_TIMEOUT", 900) * 1000,
      memoryBytes: positiveInt(env, "PIER_BUILD_MEMORY_MB", 2048) * 1024 * 1024,
    },
    sourceUrlAllow: (env.PIER_SOURCE_URL_ALLOW ?? "").split(/[\s,]+/).filter(Boolean),
    adminEmail: email(env, "PIER_ADMIN_EMAIL", "admin@localhost"),
    apiHost: env.PIER_API_HOST || "0.0.0.0",
    secretKey: secretKey(env),
    secretKeyFile: absolutePath(env, "PIER_SECRET_KEY_FILE", `${dataDir}/secret.key`),
    previousSecretKeys: list(env, "PIER_SECRET_KEY_PREVIOUS").map((k) => secretKey(env, "PIER_SECRET_KEY_PREVIOUS", k)!),
    acmeDirectoryUrl: env.PIER_ACME_DIRECTORY_URL === "off" ? "" : url(env, "PIER_ACME_DIRECTORY_URL", "https://acme-v02.api.letsencrypt.org/directory", ["https:", "http:"]),
    acmeEmail: email(env, "PIER_ACME_EMAIL", env.PIER_ADMIN_EMAIL || "admin@localhost"),
    acmeCaFile: env.PIER_ACME_CA_FILE ? absolutePath(env, "PIER_ACME_CA_FILE", "") : undefined,
    acmeAccountKeyFile: absolutePath(env, "PIER_ACME_ACCOUNT_KEY_FILE", `${dataDir}/acme/account.key`),
    acmeRetryBaseMs: env.PIER_ACME_RETRY_BASE ? positiveInt(env, "PIER_ACME_RETRY_BASE", 60) * 1000 : undefined,
    routerMaxBodyBytes: env.PIER_ROUTER_MAX_BODY_MB ? positiveInt(env, "PIER_ROUTER_MAX_BODY_MB", 1) * 1024 * 1024 : undefined,
    addons: { image: env.PIER_STACK_DATA_IMAGE || "pier/stack-data:bookworm", graceMs: positiveInt(env, "PIER_ADDON_GRACE", 7 * 24 * 3600) * 1000 },
    registry: registrySettings(env, (message) => new ConfigError(message)),
    hostAddress: hostAddress(env),
  };
}

const IPV4 = /^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

function hostAddress(env: Env): string | undefined {
  const raw = env.PIER_HOST_ADDRESS?.trim().toLowerCase();
  if (!raw) return undefined;
  const numeric = /^[\d.]+$/.test(raw);
  if (numeric ? !IPV4.test(raw) : !DOMAIN.test(raw)) {
    throw new ConfigError(`PIER_HOST_ADDRESS must be this machine's IPv4 address or DNS name as other hosts reach it (e.g. 10.0.0.5), got "${env.PIER_HOST_ADDRESS}"`);
  }
  return raw;
}
