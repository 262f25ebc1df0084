/** Heroku Platform API v3 shapes, as far as the console reads them. Optional = not every Pier has it. */

export interface Account {
  id: string;
  email: string;
  name: string | null;
  created_at: string;
  admin?: boolean;
}

export interface App {
  id: string;
  name: string;
  created_at: string;
  updated_at: string;
  released_at?: string | null;
  web_url: string;
  git_url: string;
  maintenance: boolean;
  owner?: { id: string; email?: string };
}

export type BuildStatus = "pending" | "succeeded" | "failed";

export interface Build {
  id: string;
  status: BuildStatus;
  created_at: string;
  updated_at: string;
  source_blob: { version: string | null };
  buildpacks?: { name: string; url: string }[];
  error?: string | null;
  /** Heroku's build shape: a URL that streams the build's output as plain text. */
  output_stream_url?: string | null;
  release?: { id: string; version?: number } | null;
  user?: { id: string; email: string };
}

export interface Release {
  id: string;
  version: number;
  description: string;
  status: "pending" | "succeeded" | "failed" | string;
  current: boolean;
  created_at: string;
  user?: { id?: string; email: string };
  eligible_for_rollback?: boolean;
}

export interface FormationEntry {
  id?: string;
  type: string;
  quantity: number;
  size: string;
  command?: string;
  updated_at?: string;
}

export interface FormationUpdate {
  type: string;
  quantity?: number | string;
  size?: string;
}

export type DynoState = "crashed" | "down" | "idle" | "starting" | "up" | string;

export interface Dyno {
  id?: string;
  name: string;
  type: string;
  state: DynoState;
  command?: string;
  size?: string;
  updated_at?: string;
  release?: { id?: string; version: number };
  /** Pier: the host the instance runs on. */
  host?: string | null;
  restarts?: number;
  exit_code?: number | null;
}

export interface Domain {
  id?: string;
  hostname: string;
  kind?: "default" | "custom" | string;
  cname?: string | null;
  status?: string;
  acm_status?: string | null;
  acm_status_reason?: string | null;
  created_at?: string;
}

export type ConfigVars = Record<string, string>;

export interface LogSessionRequest {
  tail?: boolean;
  lines?: number;
  dyno?: string;
  source?: string;
}

export interface LogSession {
  id?: string;
  logplex_url: string;
}

export interface Host {
  id: string;
  name: string;
  state: "ready" | "draining" | "down" | string;
  address?: string;
  docker_url?: string;
  cpus?: number | null;
  memory_bytes?: number | null;
  instances?: number;
  last_heartbeat_at?: string | null;
  heartbeat_error?: string | null;
  created_at?: string;
}

export interface User {
  id: string;
  email: string;
  name?: string | null;
  admin?: boolean;
  disabled?: boolean;
  has_password?: boolean;
  created_at?: string;
}

export interface SshKey {
  id: string;
  fingerprint: string;
  comment: string;
  public_key: string;
  created_at: string;
  updated_at: string;
}

export interface Collaborator {
  id: string;
  user: { id: string; email: string };
  role: "owner" | "collaborator";
  created_at: string;
}

export interface ApiToken {
  id: string;
  name: string;
  created_at: string;
  expires_at: string | null;
  last_used_at?: string | null;
  /** The token this request came with. */
  current?: boolean;
}

export interface EventSession {
  id: string;
  url: string;
  expires_in: number;
  kinds: string[];
}

export type StatusClass = "1xx" | "2xx" | "3xx" | "4xx" | "5xx";

/** One step of the router's series: requests, status classes and latency percentiles. */
export interface RequestPoint {
  time: string;
  requests: number;
  rps: number;
  status: Partial<Record<StatusClass, number>>;
  p50_ms?: number;
  p95_ms?: number;
  p99_ms?: number;
}

/** One step of an instance's series: highest memory against its limit, mean CPU in cores, restarts after a crash. */
export interface InstancePoint {
  time: string;
  memory_bytes?: number;
  memory_limit_bytes?: number;
  cpu_cores?: number;
  restarts?: number;
}

export interface AppMetrics {
  app: string;
  period: "hour" | "day";
  step_seconds: number;
  router: RequestPoint[];
  instances: Record<string, InstancePoint[]>;
  /** Per process type, its instances' restarts per step. */
  restarts_by_type?: Record<string, { time: string; restarts: number }[]>;
}

export interface AuditEvent {
  id: string;
  created_at: string;
  actor: { id: string | null; email: string };
  action: string;
  app: { id: string; name: string } | null;
  details: Record<string, unknown>;
}

/** Pier's add-on: a database container (postgres, redis, mysql) attached to apps as a config var. */
export interface Addon {
  id: string;
  name: string;
  kind: "postgres" | "redis" | "mysql" | string;
  addon_service: { name: string; human_name?: string };
  plan: { name: string };
  app: { id: string; name: string } | null;
  /** Heroku's state (provisioning | provisioned | deprovisioned); pier_state is Pier's finer one. */
  state: "provisioning" | "provisioned" | "deprovisioned" | string;
  pier_state: "provisioning" | "available" | "failed" | "destroyed" | string;
  config_vars: string[];
  attachments?: { id: string; name: string; app: { id: string; name: string }; config_var: string }[];
  version?: string | null;
  error?: string | null;
  purge_after?: string | null;
  created_at: string;
  /** GET of one add-on: what its server says now. */
  runtime?: { version?: string; size_bytes?: number; connections?: number; error?: string };
}

export interface Backup {
  id: string;
  name: string;
  number: number;
  state: "pending" | "running" | "succeeded" | "failed" | string;
  trigger?: string;
  size_bytes: number | null;
  error: string | null;
  created_at: string;
  finished_at: string | null;
}
