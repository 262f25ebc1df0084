import type Docker from "dockerode";
import { dockerStatus, errorMessage, LABEL, lineSplitter } from "@pier/docker";
import { memoryKillMessage } from "@pier/metrics-core";

export interface OomWatcherOptions {
  docker: Docker;
  installationId: string;
  log: (line: string) => void;
  /** Writes a platform line into an app's log (R15). */
  emit: (app: string, dyno: string, message: string) => Promise<void>;
  /** How long after the kill the instance is looked at: if its main process died, the container is gone by then. */
  settleMs?: number;
  /** Before following the engine's events again after the stream ended. */
  retryMs?: number;
}

/** The container a Docker "oom" event line names, if it is one. */
export function oomEventContainer(line: string): string | undefined {
  if (line.trim() === "") return undefined;
  const ev = JSON.parse(line) as { Action?: string; status?: string; Actor?: { ID?: string }; id?: string };
  if ((ev.Action ?? ev.status) !== "oom") return undefined;
  return ev.Actor?.ID ?? ev.id;
}

/**
 * Follows the engine's "oom" events for this installation's instances. The kernel kills the
 * largest process of an instance that reaches its memory limit (instances have no swap); when the
 * instance keeps running (a gunicorn worker or a child was killed, the main process respawns it),
 * nothing else would tell the user, so its app's log gets an R15 line. An instance whose main
 * process was killed has exited by then: the log collector reports that exit (R15 and the status).
 */
export function watchOomKills(o: OomWatcherOptions): { following: Promise<void>; stop(): Promise<void> } {
  const abort = new AbortController();
  let followed: () => void = () => {};
  const following = new Promise<void>((resolve) => (followed = resolve));
  /** Resolves on `until`'s call, or on stop; the abort listener goes with it (no pile-up over reconnects). */
  const untilStopped = (until: (done: () => void) => void, onStop?: () => void) =>
    new Promise<void>((resolve) => {
      const stopNow = () => (onStop?.(), resolve());
      abort.signal.addEventListener("abort", stopNow, { once: true });
      until(() => (abort.signal.removeEventListener("abort", stopNow), resolve()));
    });
  const sleep = (ms: number) => {
    let timer: NodeJS.Timeout | undefined;
    return untilStopped((done) => (timer = setTimeout(done, ms)), () => clearTimeout(timer));
  };
  const pending = new Set<Promise<void>>();

  async function report(containerId: string): Promise<void> {
    await sleep(o.settleMs ?? 1000);
    if (abort.signal.aborted) return;
    let info: Docker.ContainerInspectInfo;
    try {
      info = await o.docker.getContainer(containerId).inspect();
    } catch (err) {
      // Gone already (its main process was killed and Pier removed it): the exit was reported.
      if (dockerStatus(err) === 404) return;
      throw err;
    }
    if (!info.State.Running) return;
    const app = info.Config.Labels?.[LABEL.app];
    const dyno = (info.Config.Env ?? []).find((e) => e.startsWith("DYNO="))?.slice(5);
    if (!app || !dyno) return;
    await o.emit(app, dyno, memoryKillMessage(info.HostConfig.Memory || undefined));
  }

  async function followOnce(): Promise<void> {
    const stream = (await o.docker.getEvents({
      filters: { type: ["container"], event: ["oom"], label: [`${LABEL.installation}=${o.installationId}`, `${LABEL.role}=instance`] },
    })) as NodeJS.ReadableStream & { destroy(): void };
    followed();
    const lines = lineSplitter((line) => {
      const id = oomEventContainer(line);
      if (!id) return;
      const p = report(id)
        .catch((err: unknown) => o.log(`memory kills: ${id.slice(0, 12)}: ${errorMessage(err)}`))
        .finally(() => pending.delete(p));
      pending.add(p);
    });
    stream.on("data", (chunk: Buffer) => lines.push(chunk));
    await untilStopped(
      (done) => {
        stream.on("end", done);
        stream.on("error", (err: Error) => (o.log(`memory kills: Docker events stream failed (${err.message}); following again`), done()));
      },
      () => stream.destroy(),
    );
  }

  const loop = (async () => {
    while (!abort.signal.aborted) {
      await followOnce().catch((err: unknown) => o.log(`memory kills: cannot follow Docker events (${errorMessage(err)}); trying again`));
      if (!abort.signal.aborted) await sleep(o.retryMs ?? 5000);
    }
  })();

  return {
    /** Resolves once the engine's events are followed (kills from then on are seen). */
    following,
    async stop() {
      abort.abort();
      followed();
      await loop;
      await Promise.all(pending);
    },
  };
}
