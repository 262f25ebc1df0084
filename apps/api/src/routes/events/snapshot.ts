import type { PrismaClient } from "@pier/db";
import type { AppSnapshot } from "./diff.js";

/** How far back a snapshot looks: the console's lists show the newest few. */
const RECENT = 10;

/**
 * The parts of an app the console shows, each reduced to a fingerprint (a few small indexed
 * queries). Null when the app is gone.
 */
export async function readAppSnapshot(prisma: PrismaClient, appId: string): Promise<AppSnapshot | null> {
  const [app, builds, releases, instances, domains, certificates, formation, activity] = await Promise.all([
    prisma.app.findUnique({ where: { id: appId }, select: { id: true } }),
    prisma.build.findMany({ where: { appId }, orderBy: { createdAt: "desc" }, take: RECENT, select: { id: true, status: true } }),
    prisma.release.findMany({ where: { appId }, orderBy: { version: "desc" }, take: RECENT, select: { id: true, version: true, status: true } }),
    prisma.instance.findMany({ where: { appId }, select: { id: true, type: true, number: true, state: true, restarts: true, releaseId: true } }),
    prisma.domain.findMany({ where: { appId }, select: { hostname: true } }),
    prisma.certificate.findMany({ where: { appId }, select: { hostname: true, notAfter: true, attempts: true, lastError: true } }),
    prisma.formation.findMany({ where: { appId }, select: { type: true, quantity: true, size: true } }),
    prisma.auditEvent.findMany({ where: { appId }, orderBy: { createdAt: "desc" }, take: RECENT, select: { id: true, action: true } }),
  ]);
  if (!app) return null;
  const certs = new Map(certificates.map((c) => [c.hostname, c]));
  const certState = (hostname: string) => {
    const c = certs.get(hostname);
    if (!c) return "none";
    return `${c.notAfter?.toISOString() ?? "pending"} ${c.attempts} ${c.lastError ?? ""}`.trim();
  };
  return {
    build: Object.fromEntries(builds.map((b) => [b.id, b.status])),
    release: Object.fromEntries(releases.map((r) => [r.id, `v${r.version} ${r.status}`])),
    instance: Object.fromEntries(instances.map((i) => [i.id, `${i.type}.${i.number} ${i.state} ${i.restarts} ${i.releaseId}`])),
    domain: Object.fromEntries([...new Set([...domains.map((d) => d.hostname), ...certs.keys()])].map((h) => [h, certState(h)])),
    formation: Object.fromEntries(formation.map((f) => [f.type, `${f.quantity} ${f.size}`])),
    activity: Object.fromEntries(activity.map((a) => [a.id, a.action])),
  };
}
