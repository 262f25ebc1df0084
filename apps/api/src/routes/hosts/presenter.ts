import type { HostWithCount } from "@pier/use-cases";

export function presentHost(h: HostWithCount) {
  return {
    id: h.id,
    name: h.name,
    docker_url: h.dockerUrl,
    address: h.address,
    state: h.state,
    tls: h.tlsCa !== null || h.tlsCert !== null,
    cpus: h.cpus,
    memory_bytes: h.memoryBytes === null ? null : Number(h.memoryBytes),
    instances: h.instanceCount,
    last_heartbeat_at: h.lastHeartbeatAt?.toISOString() ?? null,
    heartbeat_error: h.heartbeatError,
    created_at: h.createdAt.toISOString(),
  };
}
