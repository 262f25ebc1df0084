import { acmStatus, makeCertBundle, planCertificates, type AcmStatus, type CertState } from "@pier/cert-core";
import type { Certificate } from "@pier/db";
import { channelForDb, publishCertBundle } from "@pier/route-store";
import type { Deps } from "./deps.js";
import { encryptValue, secretKey } from "./secret-box.js";

/** What the worker plugs in to get a certificate (the ACME adapter with router-served HTTP-01). */
export type CertificateIssuer = (hostnames: string[]) => Promise<{ certPem: string; keyPem: string; notBefore: Date; notAfter: Date }>;

/** Published to wake the worker's certificate loop at once (a domain was added). */
export const CERT_WAKE_CHANNEL = "pier:certs:wake";

/** Orders per pass: one slow CA must not hold the loop for long. */
const ORDERS_PER_PASS = 5;

/**
 * Hostnames a public CA can never validate over HTTP-01: `localhost` names, and wildcards
 * (they need DNS-01). They get no certificate and an explanation instead.
 */
export function certificateProblem(hostname: string, acmeEnabled: boolean): string | undefined {
  if (!acmeEnabled) return "automatic certificates are off (PIER_ACME_DIRECTORY_URL=off)";
  if (hostname.startsWith("*.")) return "wildcard domains need a DNS-01 challenge, which Pier does not do yet";
  if (hostname === "localhost" || hostname.endsWith(".localhost")) return "localhost names cannot get a certificate from a public CA";
  return undefined;
}

export function certState(c: Pick<Certificate, "hostname" | "notBefore" | "notAfter" | "attempts" | "lastAttemptAt">): CertState {
  return { hostname: c.hostname, notBefore: c.notBefore ?? undefined, notAfter: c.notAfter ?? undefined, attempts: c.attempts, lastAttemptAt: c.lastAttemptAt ?? undefined };
}

export interface AcmView {
  acm_status: AcmStatus | null;
  acm_status_reason: string | null;
}

/** ACM status for a hostname as Heroku's API shows it; null when Pier will not try. */
export function acmView(hostname: string, cert: Certificate | undefined, acmeEnabled: boolean, now = new Date()): AcmView {
  const problem = certificateProblem(hostname, acmeEnabled);
  if (problem !== undefined) return { acm_status: null, acm_status_reason: problem };
  if (cert === undefined) return { acm_status: "pending", acm_status_reason: null };
  return { acm_status: acmStatus(certState(cert), now), acm_status_reason: cert.attempts > 0 ? cert.lastError : null };
}

/** Every hostname that should have a certificate, with its app. */
async function wantedHostnames(deps: Pick<Deps, "prisma" | "config">): Promise<Map<string, string>> {
  const apps = await deps.prisma.app.findMany({ select: { id: true, name: true, domains: { select: { hostname: true } } } });
  const enabled = deps.config.acmeDirectoryUrl !== "";
  const wanted = new Map<string, string>();
  for (const app of apps) {
    for (const hostname of [`${app.name}.${deps.config.baseDomain}`, ...app.domains.map((d) => d.hostname)]) {
      if (certificateProblem(hostname, enabled) === undefined) wanted.set(hostname, app.id);
    }
  }
  return wanted;
}

/** Builds the bundle of current certificates and publishes it to the routers if it changed. */
export async function publishCertificates(deps: Pick<Deps, "prisma" | "redis">): Promise<{ changed: boolean; version: number }> {
  const rows = await deps.prisma.certificate.findMany({ where: { certPem: { not: null }, keySealed: { not: null } } });
  const now = Date.now();
  const certs = rows
    .filter((r) => r.notAfter !== null && r.notAfter.getTime() > now)
    .map((r) => ({ hostnames: [r.hostname], certPem: r.certPem!, keySealed: r.keySealed!, notAfter: r.notAfter!.toISOString() }));
  return publishCertBundle(deps.redis, makeCertBundle(certs));
}

export interface CertificatePass {
  issued: string[];
  failed: { hostname: string; error: string }[];
}

/**
 * One pass of automated certificate management: track the wanted hostnames, order what the
 * planner says is due (new, renewal, retry after backoff), record outcomes on the hostname
 * (shown as ACM status), and publish the bundle. Safe to run from several workers: an order
 * for the same name twice only costs a duplicate certificate.
 */
export async function syncCertificates(deps: Pick<Deps, "prisma" | "redis" | "config" | "log">, issue: CertificateIssuer, now = new Date()): Promise<CertificatePass> {
  const wanted = await wantedHostnames(deps);
  await deps.prisma.certificate.deleteMany({ where: { hostname: { notIn: [...wanted.keys()] } } });
  const existing = await deps.prisma.certificate.findMany();
  const known = new Set(existing.map((c) => c.hostname));
  const fresh = [...wanted].filter(([h]) => !known.has(h)).map(([hostname, appId]) => ({ hostname, appId }));
  if (fresh.length > 0) await deps.prisma.certificate.createMany({ data: fresh, skipDuplicates: true });
  const rows = fresh.length > 0 ? await deps.prisma.certificate.findMany() : existing;
  const orders = planCertificates(rows.map(certState), now, deps.config.acmeRetryBaseMs).slice(0, ORDERS_PER_PASS);
  const outcome: CertificatePass = { issued: [], failed: [] };
  for (const order of orders) {
    try {
      const cert = await issue([order.hostname]);
      const key = await secretKey(deps.config);
      await deps.prisma.certificate.update({
        where: { hostname: order.hostname },
        data: { certPem: cert.certPem, keySealed: encryptValue(key, cert.keyPem), notBefore: cert.notBefore, notAfter: cert.notAfter, attempts: 0, lastAttemptAt: now, lastError: null },
      });
      outcome.issued.push(order.hostname);
      deps.log?.(`certificate for ${order.hostname} issued (${order.reason}), valid until ${cert.notAfter.toISOString()}`);
    } catch (err) {
      const error = (err as Error).message.slice(0, 500);
      await deps.prisma.certificate.update({ where: { hostname: order.hostname }, data: { attempts: { increment: 1 }, lastAttemptAt: now, lastError: error } });
      outcome.failed.push({ hostname: order.hostname, error });
      deps.log?.(`certificate for ${order.hostname} failed (${order.reason}): ${error}`);
    }
  }
  await publishCertificates(deps);
  return outcome;
}

/** Asks the worker to run a pass now (after a domain was added or an app created). */
export async function wakeCertificates(deps: Pick<Deps, "redis">): Promise<void> {
  await deps.redis.publish(channelForDb(CERT_WAKE_CHANNEL, deps.redis.options.db), "1");
}
