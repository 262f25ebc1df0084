import { type App, type Certificate, type Domain } from "@pier/db";
import { isValidRouteHostname, normalizeHostname } from "@pier/routing-core";
import { findAccessibleApp } from "./app-access.js";
import { recordAudit } from "./audit.js";
import { acmView, wakeCertificates, type AcmView } from "./certificates.js";
import type { Actor, Deps } from "./deps.js";
import { UseCaseError } from "./errors.js";
import { publishRoutes } from "./publish-routes.js";
import { isUniqueViolation } from "./unique-violation.js";

/** A hostname an app answers on, as Heroku's domains API shows it. */
export interface DomainView extends AcmView {
  hostname: string;
  /** `default`: `<app>.<base-domain>`; `custom`: added with domains:add. */
  kind: "default" | "custom";
  /** Where the DNS name should point (a CNAME to the app's default name). */
  cname: string | null;
  status: "succeeded";
  created_at: string;
}

const defaultName = (app: Pick<App, "name">, deps: Pick<Deps, "config">) => `${app.name}.${deps.config.baseDomain}`;

function view(hostname: string, kind: DomainView["kind"], cname: string | null, created: Date, cert: Certificate | undefined, deps: Pick<Deps, "config">): DomainView {
  return { hostname, kind, cname, status: "succeeded", created_at: created.toISOString(), ...acmView(hostname, cert, deps.config.acmeDirectoryUrl !== "") };
}

export async function listDomains(params: { app: string }, actor: Actor, deps: Pick<Deps, "prisma" | "config">): Promise<DomainView[]> {
  const app = await findAccessibleApp(params.app, actor, deps);
  const [domains, certs] = await Promise.all([
    deps.prisma.domain.findMany({ where: { appId: app.id }, orderBy: { hostname: "asc" } }),
    deps.prisma.certificate.findMany({ where: { appId: app.id } }),
  ]);
  const byName = new Map(certs.map((c) => [c.hostname, c]));
  const main = defaultName(app, deps);
  return [
    view(main, "default", null, app.createdAt, byName.get(main), deps),
    ...domains.map((d) => view(d.hostname, "custom", main, d.createdAt, byName.get(d.hostname), deps)),
  ];
}

/** A custom hostname as stored: lowercase, no trailing dot, valid, and not under Pier's base domain. */
export function checkCustomHostname(raw: unknown, baseDomain: string): string {
  if (typeof raw !== "string" || raw.trim() === "") throw new UseCaseError("invalid_params", "Give the hostname to add, e.g. www.example.com.");
  const hostname = normalizeHostname(raw);
  if (!isValidRouteHostname(hostname)) throw new UseCaseError("invalid_params", `"${raw.slice(0, 100)}" is not a hostname (or a *.wildcard for one label).`);
  const bare = hostname.startsWith("*.") ? hostname.slice(2) : hostname;
  if (bare === baseDomain || bare.endsWith(`.${baseDomain}`)) {
    throw new UseCaseError("invalid_params", `${hostname} is under Pier's own domain ${baseDomain}; every app already answers on <app>.${baseDomain}.`);
  }
  return hostname;
}


/** Adds a custom domain (unique across all apps), routes it at once and starts its certificate. */
export async function addDomain(params: { app: string; hostname: unknown }, actor: Actor, deps: Deps): Promise<DomainView> {
  const hostname = checkCustomHostname(params.hostname, deps.config.baseDomain);
  const app = await findAccessibleApp(params.app, actor, deps);
  let domain: Domain;
  try {
    domain = await deps.prisma.domain.create({ data: { appId: app.id, hostname } });
  } catch (err) {
    if (isUniqueViolation(err)) throw new UseCaseError("conflict", `${hostname} is already in use by an app.`);
    throw err;
  }
  await recordAudit({ action: "domain.add", app, details: { hostname } }, actor, deps);
  await publishRoutes(deps);
  await wakeCertificates(deps);
  return view(hostname, "custom", defaultName(app, deps), domain.createdAt, undefined, deps);
}

export async function removeDomain(params: { app: string; hostname: string }, actor: Actor, deps: Deps): Promise<DomainView> {
  const app = await findAccessibleApp(params.app, actor, deps);
  const hostname = normalizeHostname(params.hostname);
  const domain = await deps.prisma.domain.findFirst({ where: { appId: app.id, hostname } });
  if (!domain) throw new UseCaseError("not_found", `${app.name} has no domain ${hostname}.`);
  await deps.prisma.domain.delete({ where: { id: domain.id } });
  await deps.prisma.certificate.deleteMany({ where: { hostname } });
  await recordAudit({ action: "domain.remove", app, details: { hostname } }, actor, deps);
  await publishRoutes(deps);
  await wakeCertificates(deps);
  return view(hostname, "custom", defaultName(app, deps), domain.createdAt, undefined, deps);
}

/** Maintenance mode (every request gets the 503 page, H80) and the HTTPS redirect switch. */
export async function updateRouting(params: { app: string; maintenance?: boolean; httpsRedirect?: boolean }, actor: Actor, deps: Deps): Promise<App> {
  const app = await findAccessibleApp(params.app, actor, deps);
  const data: { maintenance?: boolean; httpsRedirect?: boolean } = {};
  if (params.maintenance !== undefined) data.maintenance = params.maintenance;
  if (params.httpsRedirect !== undefined) data.httpsRedirect = params.httpsRedirect;
  if (Object.keys(data).length === 0) return app;
  const updated = await deps.prisma.app.update({ where: { id: app.id }, data });
  await recordAudit({ action: "app.routing", app, details: data }, actor, deps);
  await publishRoutes(deps);
  return updated;
}
