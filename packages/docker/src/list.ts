import type Docker from "dockerode";
import type { ContainerInfo } from "dockerode";
import { LABEL } from "./labels.js";
import { listedHostPort } from "./ports.js";

/** What the reconciler needs to know about a container, read from its labels. */
export interface ObservedContainer {
  id: string;
  name: string;
  /** Docker's state: "created", "running", "exited", "dead", ... */
  state: string;
  labels: Record<string, string>;
  hostPort?: number;
}

export function observedContainer(info: ContainerInfo): ObservedContainer {
  const hostPort = listedHostPort(info.Ports ?? []);
  return {
    id: info.Id,
    name: (info.Names?.[0] ?? "").replace(/^\//, ""),
    state: info.State,
    labels: info.Labels ?? {},
    ...(hostPort !== undefined ? { hostPort } : {}),
  };
}

/** Label filters for Docker: every Pier container carries a role; `filter` narrows by label values. */
export function pierLabelFilters(filter: Record<string, string> = {}): string[] {
  return [LABEL.role, ...Object.entries(filter).map(([k, v]) => `${k}=${v}`)];
}

/** All Pier containers, running or not, optionally only those whose labels match `filter`. */
export async function listPierContainers(docker: Docker, filter?: Record<string, string>): Promise<ObservedContainer[]> {
  const infos = await docker.listContainers({ all: true, filters: { label: pierLabelFilters(filter) } });
  return infos.map(observedContainer);
}
