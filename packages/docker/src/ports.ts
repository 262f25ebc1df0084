import type { ContainerInspectInfo, Port } from "dockerode";

/** The host port Docker assigned to `${port}/tcp`, from `inspect().NetworkSettings.Ports`. */
export function publishedHostPort(ports: ContainerInspectInfo["NetworkSettings"]["Ports"] | undefined, port: number): number | undefined {
  const bindings = ports?.[`${port}/tcp`] ?? [];
  const binding = bindings.find((b) => b.HostIp === "127.0.0.1") ?? bindings[0];
  const n = Number(binding?.HostPort);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** The published TCP port of a container from `listContainers()` output (Pier publishes one). */
export function listedHostPort(ports: Port[]): number | undefined {
  const published = ports.filter((p) => p.Type === "tcp" && p.PublicPort);
  return (published.find((p) => p.IP === "127.0.0.1") ?? published[0])?.PublicPort;
}
