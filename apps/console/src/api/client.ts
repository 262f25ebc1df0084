import type {
  Account, ApiToken, App, Build, ConfigVars, Domain, Dyno, FormationEntry, FormationUpdate, Host,
  Addon, AppMetrics, Backup, AuditEvent, Collaborator, EventSession, SshKey, LogSession, LogSessionRequest, Release, User,
} from "./types.js";

/** An API answer that was not 2xx, in Heroku's `{ id, message }` error shape. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly id: string,
    message: string,
  ) {
    super(message);
  }

  /** The server does not have this endpoint at all (an older or partial Pier), as opposed to a missing record. */
  get endpointMissing(): boolean {
    return this.status === 404 && this.message.startsWith("No such endpoint");
  }
}

export interface ApiOptions {
  /** Same origin by default: the API serves the console. */
  baseUrl?: string;
  token: () => string | null;
  /** Called on 401 so the console can ask the person to sign in again. */
  onUnauthorized?: () => void;
}

const enc = encodeURIComponent;

/** The console's one door to Pier: every call it makes is a method here. */
export function createApi(opts: ApiOptions) {
  const base = opts.baseUrl ?? "";

  async function call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const token = opts.token();
    const res = await fetch(base + path, {
      method,
      // The API answers 401 with a Basic challenge (for git); without credentials the browser
      // does not open its password dialog over the console. The token travels in a header.
      credentials: "omit",
      headers: {
        Accept: "application/vnd.heroku+json; version=3",
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).catch((err: Error) => {
      throw new ApiError(0, "network", `Pier could not be reached (${err.message}). Check your connection and try again.`);
    });
    const text = await res.text();
    const data = text ? parseJson(text) : undefined;
    if (!res.ok) {
      const { id, message } = (data ?? {}) as { id?: string; message?: string };
      if (res.status === 401) opts.onUnauthorized?.();
      throw new ApiError(res.status, id ?? `http_${res.status}`, message ?? `${method} ${path} answered ${res.status}.`);
    }
    return data as T;
  }

  const app = (name: string) => `/apps/${enc(name)}`;

  return {
    health: () => call<{ status: string }>("GET", "/healthz"),
    account: () => call<Account>("GET", "/account"),
    /** Email + password for a new API token, shown once. */
    login: (email: string, password: string) =>
      call<ApiToken & { token: string }>("POST", "/auth/login", { email, password, token_name: "web console" }),
    /** Revokes the token this request carries. */
    logout: () => call<void>("POST", "/auth/logout"),
    listTokens: () => call<ApiToken[]>("GET", "/account/tokens"),
    createToken: (name: string) => call<ApiToken & { token: string }>("POST", "/account/tokens", { name }),
    revokeToken: (id: string) => call<void>("DELETE", `/account/tokens/${enc(id)}`),

    listApps: () => call<App[]>("GET", "/apps"),
    getApp: (name: string) => call<App>("GET", app(name)),
    createApp: (name: string) => call<App>("POST", "/apps", { name }),
    deleteApp: (name: string) => call<App>("DELETE", app(name)),

    listBuilds: (name: string) => call<Build[]>("GET", `${app(name)}/builds`),
    getBuild: (name: string, id: string) => call<Build>("GET", `${app(name)}/builds/${enc(id)}`),

    listReleases: (name: string, max = 25) =>
      call<Release[]>("GET", `${app(name)}/releases`, undefined, { Range: `version ..; max=${max}, order=desc` }),
    rollback: (name: string, releaseId: string) => call<Release>("POST", `${app(name)}/releases`, { release: releaseId }),

    getConfigVars: (name: string) => call<ConfigVars>("GET", `${app(name)}/config-vars`),
    /** `null` unsets a variable. */
    patchConfigVars: (name: string, changes: Record<string, string | null>) =>
      call<ConfigVars>("PATCH", `${app(name)}/config-vars`, changes),

    getFormation: (name: string) => call<FormationEntry[]>("GET", `${app(name)}/formation`),
    scale: (name: string, updates: FormationUpdate[]) => call<FormationEntry[]>("PATCH", `${app(name)}/formation`, { updates }),
    listDynos: (name: string) => call<Dyno[]>("GET", `${app(name)}/dynos`),

    listDomains: (name: string) => call<Domain[]>("GET", `${app(name)}/domains`),
    addDomain: (name: string, hostname: string) => call<Domain>("POST", `${app(name)}/domains`, { hostname, sni_endpoint: null }),
    removeDomain: (name: string, hostname: string) => call<Domain>("DELETE", `${app(name)}/domains/${enc(hostname)}`),

    createLogSession: (name: string, req: LogSessionRequest) => call<LogSession>("POST", `${app(name)}/log-sessions`, req),
    getMetrics: (name: string, period: "hour" | "day") => call<AppMetrics>("GET", `${app(name)}/metrics?period=${period}`),
    listActivity: (name: string, max = 10) =>
      call<AuditEvent[]>("GET", `/audit?app=${enc(name)}`, undefined, { Range: `created_at ..; max=${max}, order=desc` }),
    /** A stream of the app's changes; its URL carries its own secret, so EventSource can open it. */
    openEventSession: (name: string) => call<EventSession>("POST", `${app(name)}/event-sessions`),

    listAddons: (name: string) => call<Addon[]>("GET", `${app(name)}/addons`),
    getAddon: (name: string, addon: string) => call<Addon>("GET", `${app(name)}/addons/${enc(addon)}`),
    /** `plan` as Heroku has it: `<service>` or `<service>:<plan>` (postgres, redis:standard). */
    createAddon: (name: string, plan: string) => call<Addon>("POST", `${app(name)}/addons`, { plan }),
    /** The API wants the add-on's name again (`confirm`): destroying stops its server. */
    destroyAddon: (name: string, addon: string) => call<Addon>("DELETE", `${app(name)}/addons/${enc(addon)}?confirm=${enc(addon)}`),
    restoreAddon: (name: string, addon: string) => call<Addon>("POST", `${app(name)}/addons/${enc(addon)}/actions/restore`),
    rotateAddonCredentials: (name: string, addon: string) => call<Addon>("POST", `${app(name)}/addons/${enc(addon)}/actions/rotate-credentials`),
    listBackups: (name: string, addon: string) => call<Backup[]>("GET", `${app(name)}/addons/${enc(addon)}/backups`),
    captureBackup: (name: string, addon: string) => call<Backup>("POST", `${app(name)}/addons/${enc(addon)}/backups`),
    /** Replaces the add-on's data with the backup's; `confirm` is the add-on's name. */
    restoreBackup: (name: string, addon: string, backup: string) =>
      call<{ message: string }>("POST", `${app(name)}/addons/${enc(addon)}/backups/${enc(backup)}/actions/restore`, { confirm: addon }),

    listKeys: () => call<SshKey[]>("GET", "/account/keys"),
    addKey: (publicKey: string) => call<SshKey>("POST", "/account/keys", { public_key: publicKey }),
    removeKey: (id: string) => call<SshKey>("DELETE", `/account/keys/${enc(id)}`),

    listCollaborators: (name: string) => call<Collaborator[]>("GET", `${app(name)}/collaborators`),
    addCollaborator: (name: string, email: string) => call<Collaborator>("POST", `${app(name)}/collaborators`, { user: email }),
    removeCollaborator: (name: string, email: string) => call<Collaborator>("DELETE", `${app(name)}/collaborators/${enc(email)}`),

    listHosts: () => call<Host[]>("GET", "/hosts"),
    /** drain moves instances away; undrain lets the scheduler place on the host again. */
    hostAction: (host: string, action: "drain" | "undrain") => call<Host>("POST", `/hosts/${enc(host)}/actions/${action}`),

    listUsers: () => call<User[]>("GET", "/users"),
    createUser: (user: { email: string; password?: string; admin?: boolean }) => call<User>("POST", "/users", user),
    updateUser: (id: string, change: { role?: "admin" | "member"; disabled?: boolean }) => call<User>("PATCH", `/users/${enc(id)}`, change),
    deleteUser: (id: string, transferTo?: string) =>
      call<User>("DELETE", `/users/${enc(id)}${transferTo ? `?transfer_to=${enc(transferTo)}` : ""}`),
  };
}

export type Api = ReturnType<typeof createApi>;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { message: text.slice(0, 300) };
  }
}
