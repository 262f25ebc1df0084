import { engineConnectionProblem, type ConnectionFailure } from "@pier/docker";
import type { Host } from "@pier/db";
import { recordAudit } from "./audit.js";
import type { Actor, Deps } from "./deps.js";
import { probeEngine } from "./engines.js";
import { notFound, UseCaseError } from "./errors.js";
import { LOCAL_HOST_NAME } from "./local-host.js";
import { requireAdmin } from "./users.js";

export type HostWithCount = Host & { instanceCount: number };

export interface AddHostParams {
  name: string;
  /** unix:///path, tcp://addr:2375 (or :2376 with TLS), https://addr:2376. */
  dockerUrl: string;
  /** Where routers reach the host's published ports; defaults to the engine URL's address. */
  address?: string;
  tlsCa?: string;
  tlsCert?: string;
  tlsKey?: string;
}

const HOST_NAME = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const ADDRESS = /^[A-Za-z0-9.:-]{1,253}$/;
/** Instances whose rows still name a host (stopped ones are gone within a pass). */
const LIVE_STATES = ["starting", "up", "draining", "crashed"] as const;

async function withCounts(hosts: Host[], deps: Pick<Deps, "prisma">): Promise<HostWithCount[]> {
  const counts = await deps.prisma.instance.groupBy({ by: ["hostId"], where: { hostId: { in: hosts.map((h) => h.id) }, state: { in: [...LIVE_STATES] } }, _count: { _all: true } });
  const byHost = new Map(counts.map((c) => [c.hostId, c._count._all]));
  return hosts.map((h) => ({ ...h, instanceCount: byHost.get(h.id) ?? 0 }));
}

async function hostByRef(ref: string, deps: Pick<Deps, "prisma">): Promise<Host> {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(ref);
  const host = await deps.prisma.host.findFirst({ where: uuid ? { OR: [{ id: ref }, { name: ref }] } : { name: ref } });
  if (!host) throw notFound(`host "${ref.slice(0, 100)}"`);
  return host;
}

/** `pier hosts` (admin): every Docker engine Pier places instances on. */
export async function listHosts(actor: Actor, deps: Pick<Deps, "prisma">): Promise<HostWithCount[]> {
  requireAdmin(actor);
  return withCounts(await deps.prisma.host.findMany({ orderBy: { name: "asc" } }), deps);
}

export async function getHost(params: { host: string }, actor: Actor, deps: Pick<Deps, "prisma">): Promise<HostWithCount> {
  requireAdmin(actor);
  return (await withCounts([await hostByRef(params.host, deps)], deps))[0]!;
}

/** The address routers use for a host's published ports when the operator names none. */
export function defaultHostAddress(dockerUrl: string): string {
  if (!/^(tcp|https?):\/\//.test(dockerUrl)) return "127.0.0.1";
  return new URL(dockerUrl).hostname.replace(/^\[|\]$/g, "");
}

/**
 * `pier hosts:add`: registers another Docker engine after reaching it (its capacity is read from
 * the engine). The scheduler places instances there from its next pass.
 */
export async function addHost(params: AddHostParams, actor: Actor, deps: Pick<Deps, "prisma">): Promise<HostWithCount> {
  requireAdmin(actor);
  const name = params.name.trim().toLowerCase();
  if (!HOST_NAME.test(name)) throw new UseCaseError("invalid_params", `"${params.name.slice(0, 100)}" is not a host name: use lowercase letters, digits and dashes (at most 63).`);
  if (!/^(unix|tcp|https?):\/\/\S+$/.test(params.dockerUrl)) {
    throw new UseCaseError("invalid_params", `"${params.dockerUrl.slice(0, 200)}" is not a Docker engine address: use unix:///var/run/docker.sock, tcp://ADDRESS:2375 or tcp://ADDRESS:2376 with --tls-cert/--tls-key.`);
  }
  if (Boolean(params.tlsCert) !== Boolean(params.tlsKey)) throw new UseCaseError("invalid_params", "TLS needs both a client certificate and its key (--tls-cert and --tls-key).");
  const address = params.address ?? defaultHostAddress(params.dockerUrl);
  if (!ADDRESS.test(address)) throw new UseCaseError("invalid_params", `"${address.slice(0, 100)}" is not a host address (an IP address or DNS name).`);
  if (await deps.prisma.host.findUnique({ where: { name } })) throw new UseCaseError("conflict", `There is already a host named ${name}.`);
  const tls = { tlsCa: params.tlsCa ?? null, tlsCert: params.tlsCert ?? null, tlsKey: params.tlsKey ?? null };
  let capacity: { cpus: number | null; memoryBytes: bigint | null };
  try {
    capacity = await probeEngine({ dockerUrl: params.dockerUrl, ...tls });
  } catch (err) {
    const problem = engineConnectionProblem(err as ConnectionFailure, { ca: Boolean(tls.tlsCa), cert: Boolean(tls.tlsCert) });
    throw new UseCaseError(
      "invalid_params",
      `Cannot reach the Docker engine of ${name} at ${params.dockerUrl}: ${problem ?? `${(err as Error).message}. Check that dockerd listens there (-H) and that this server may connect`}.`,
    );
  }
  const host = await deps.prisma.host.create({ data: { name, dockerUrl: params.dockerUrl, address, ...tls, ...capacity, lastHeartbeatAt: new Date() } });
  await recordAudit({ action: "host.add", details: { host: host.id, name, dockerUrl: params.dockerUrl } }, actor, deps);
  return { ...host, instanceCount: 0 };
}

/**
 * `pier hosts:drain`: no new instances go there; the reconciler starts a replacement elsewhere
 * for each of its instances and stops the old one once the new one is up (as a deploy does).
 */
export async function drainHost(params: { host: string }, actor: Actor, deps: Pick<Deps, "prisma">): Promise<HostWithCount> {
  return setState(params, "draining", actor, deps);
}

/** `pier hosts:undrain`: the host takes new instances again. */
export async function undrainHost(params: { host: string }, actor: Actor, deps: Pick<Deps, "prisma">): Promise<HostWithCount> {
  return setState(params, "ready", actor, deps);
}

async function setState(params: { host: string }, state: "draining" | "ready", actor: Actor, deps: Pick<Deps, "prisma">): Promise<HostWithCount> {
  requireAdmin(actor);
  const host = await hostByRef(params.host, deps);
  if (host.state === "down") throw new UseCaseError("conflict", `Host ${host.name} is down (its engine does not answer); its instances already run elsewhere.`);
  // Only ready <-> draining: a heartbeat may have marked the host down meanwhile.
  await deps.prisma.host.updateMany({ where: { id: host.id, state: { not: "down" } }, data: { state } });
  await recordAudit({ action: state === "draining" ? "host.drain" : "host.undrain", details: { host: host.id, name: host.name } }, actor, deps);
  return getHost({ host: host.id }, actor, deps);
}

/** `pier hosts:remove`: only an empty host (drain it first) is forgotten; its engine is left running. */
export async function removeHost(params: { host: string }, actor: Actor, deps: Pick<Deps, "prisma">): Promise<void> {
  requireAdmin(actor);
  const host = (await withCounts([await hostByRef(params.host, deps)], deps))[0]!;
  if (host.name === LOCAL_HOST_NAME) throw new UseCaseError("conflict", `The local host runs next to Pier and registers itself; drain it instead (pier hosts:drain ${LOCAL_HOST_NAME}).`);
  const remaining = await deps.prisma.instance.count({ where: { hostId: host.id } });
  if (remaining > 0) {
    throw new UseCaseError("conflict", `Host ${host.name} still has ${remaining} instance${remaining === 1 ? "" : "s"}: drain it first (pier hosts:drain ${host.name}) and remove it once pier hosts shows 0 instances.`);
  }
  await deps.prisma.host.delete({ where: { id: host.id } });
  await recordAudit({ action: "host.remove", details: { host: host.id, name: host.name } }, actor, deps);
}
