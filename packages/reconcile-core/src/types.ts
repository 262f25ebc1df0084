/** The narrow views of desired and actual state the reconciler plans from. */
export type InstanceState = "starting" | "up" | "draining" | "stopped" | "crashed";
export type HostState = "ready" | "draining" | "down";

export interface AppView {
  id: string;
  name: string;
  /** The release that serves (latest succeeded); null before the first deploy. */
  currentReleaseId: string | null;
  /** Process types the current release defines. */
  processTypes: string[];
  formation: { type: string; quantity: number; size: string }[];
}

export interface InstanceView {
  id: string;
  appId: string;
  releaseId: string;
  hostId: string;
  type: string;
  number: number;
  state: InstanceState;
  containerId: string | null;
  size: string;
  restarts: number;
  /** ms since epoch; a crashed instance waits until then. */
  restartAt: number | null;
  /** ms since epoch of the last state change. */
  updatedAt: number;
  /** One-off (`pier run`): never restarted, gone once it exits. */
  oneOff: boolean;
  /** ms since epoch when its current container was started (recorded); null before. */
  startedAt: number | null;
  /** One-offs: ms since epoch when it is stopped, finished or not; null for no limit. */
  expiresAt: number | null;
  /** `pier ps:restart`: replace it (new one up first), then stop it. */
  replaceRequested: boolean;
}

export interface HostView {
  id: string;
  name: string;
  state: HostState;
  memoryBytes: number;
  /** Whether this pass could list the host's containers (down hosts cannot be listed). */
  listed: boolean;
  /** ms since epoch when the listing began; a container started after it is not in it. */
  listedAt: number | null;
}

export interface ContainerView {
  hostId: string;
  containerId: string;
  /** The `pier.instance` label. */
  instanceId: string | undefined;
  running: boolean;
  exitCode?: number;
}

export interface ReconcileInput {
  now: number;
  apps: AppView[];
  instances: InstanceView[];
  hosts: HostView[];
  containers: ContainerView[];
  /** A deploy's new instances may stay "starting" this long before they count as abandoned. */
  bootTimeoutMs: number;
  /** A deploy's old instances may stay "draining" this long (drain + grace) before that. */
  stopTimeoutMs: number;
}

export type ReconcileAction =
  | { type: "remove-stray"; hostId: string; containerId: string; reason: string }
  | { type: "mark-crashed"; instanceId: string; exitCode: number | null; restartAt: number }
  | { type: "restart"; instanceId: string }
  | { type: "start"; appId: string; releaseId: string; processType: string; number: number; size: string; hostId: string }
  | { type: "stop"; instanceId: string; reason: string }
  | { type: "forget"; instanceId: string; reason: string }
  | { type: "unplaceable"; appId: string; processType: string; reason: string };
