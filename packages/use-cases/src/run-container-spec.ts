import { envList, INSTANCE_USER, LABEL, type ContainerCreateOptions } from "@pier/docker";
import type { InstanceSize } from "@pier/placement-core";

export interface RunSpecInput {
  name: string;
  image: string;
  /** Exactly what the user typed, as argv: no shell is put in front of it. */
  argv: string[];
  env: Record<string, string>;
  size: InstanceSize;
  /** Stdin kept open for `pier run` attached; closed when the client's input ends. */
  attach: boolean;
  /** A terminal (`pier run` from a terminal): one output stream, the client's keystrokes raw. Implies attach. */
  tty?: boolean;
  /** The app's network (to reach its add-ons) instead of the default bridge. */
  networkMode?: string;
  labels: { app: string; appId: string; release: number; instanceId: string; installationId: string };
}

/**
 * A one-off instance (`pier run`): the release's image and config, limits of its size, no root,
 * no published port. Labelled like any instance, so logs follow it and the reconciler cleans up.
 */
export function runContainerSpec(i: RunSpecInput): ContainerCreateOptions {
  return {
    name: i.name,
    Image: i.image,
    Cmd: i.argv,
    User: INSTANCE_USER,
    Env: envList({ HOME: "/tmp", ...i.env }),
    Labels: {
      [LABEL.app]: i.labels.app,
      [LABEL.appId]: i.labels.appId,
      [LABEL.release]: String(i.labels.release),
      [LABEL.processType]: "run",
      [LABEL.instance]: i.labels.instanceId,
      [LABEL.role]: "instance",
      [LABEL.installation]: i.labels.installationId,
    },
    Tty: i.tty === true,
    AttachStdin: i.attach,
    AttachStdout: i.attach,
    AttachStderr: i.attach,
    OpenStdin: i.attach,
    // The container's stdin closes when the attached client's input ends (EOF reaches the command;
    // on a terminal Ctrl-D is a keystroke the terminal turns into EOF).
    StdinOnce: i.attach,
    HostConfig: {
      Init: true,
      RestartPolicy: { Name: "no" },
      CapDrop: ["ALL"],
      SecurityOpt: ["no-new-privileges"],
      Memory: i.size.memoryBytes,
      MemorySwap: i.size.memoryBytes,
      NanoCpus: i.size.nanoCpus,
      PidsLimit: i.size.pids,
      ...(i.networkMode ? { NetworkMode: i.networkMode } : {}),
    },
  };
}
