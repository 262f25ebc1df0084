import { Writable, type Readable } from "node:stream";
import { errorMessage, stopContainer } from "@pier/docker";
import { findAccessibleApp } from "./app-access.js";
import type { Actor, EngineDeps } from "./deps.js";
import { engineFor } from "./engines.js";
import { notFound, UseCaseError } from "./errors.js";
import { checkTimeToLive, RUN_DEFAULT_TTL_SECONDS, runContainerName } from "./run-dyno.js";
import { checkTerminalSize, type TerminalSize } from "./terminal-size.js";

export interface AttachIo {
  stdin: Readable;
  stdout(chunk: Buffer): void;
  stderr(chunk: Buffer): void;
  /** Aborted when the client goes away: the command is killed. */
  signal: AbortSignal;
  /** Called once the command is about to start (errors before this are the caller's to report as usual). */
  onStart(): void;
}

export interface RunOutcome {
  exitCode: number;
  timedOut: boolean;
}

/** Output after the exit that the engine has not flushed yet gets this long. */
const OUTPUT_GRACE_MS = 1000;

const sink = (write: (chunk: Buffer) => void) =>
  new Writable({
    write(chunk: Buffer, _encoding, done) {
      write(chunk);
      done();
    },
  });

/** The row of one-off `run.N` of an app the actor may reach, or a 404. */
export async function findOneOff(appId: string, dyno: string, deps: EngineDeps) {
  const number = /^run\.(\d{1,9})$/.exec(dyno)?.[1];
  const row = number ? await deps.prisma.instance.findFirst({ where: { appId, type: "run", number: Number(number) }, include: { host: true } }) : null;
  if (!row) throw notFound(`one-off ${dyno.slice(0, 40)}`);
  return row;
}

/**
 * `pier run` attached: starts the one-off created by `createOneOff(attach)`, with the client's
 * input as its stdin (EOF closes it) and its stdout/stderr streamed back; killed at its time limit
 * or when the client leaves. Resolves with the command's exit code; the container and row go.
 * A one-off made with a terminal (tty) sends one output stream (all as stdout) and starts at the
 * client's terminal size, set before any keystroke reaches it.
 */
export async function attachOneOff(params: { app: string; dyno: string; timeToLiveSeconds?: number; size?: TerminalSize }, actor: Actor, deps: EngineDeps, io: AttachIo): Promise<RunOutcome> {
  const app = await findAccessibleApp(params.app, actor, deps);
  const ttl = params.timeToLiveSeconds ?? RUN_DEFAULT_TTL_SECONDS;
  checkTimeToLive(ttl);
  if (params.size) checkTerminalSize(params.size);
  const row = await findOneOff(app.id, params.dyno, deps);
  const claimed = await deps.prisma.instance.updateMany({ where: { id: row.id, state: "starting", containerId: null }, data: { state: "up", expiresAt: new Date(Date.now() + ttl * 1000) } });
  if (claimed.count === 0) throw new UseCaseError("conflict", `${params.dyno} is already attached or has finished.`);

  const engine = engineFor(row.host, deps);
  const container = engine.getContainer(runContainerName(app.name, row.id));
  let timedOut = false;
  let containerId: string | undefined;
  try {
    const { Id, Config } = await container.inspect();
    containerId = Id;
    const stream = (await container.attach({ stream: true, hijack: true, stdin: true, stdout: true, stderr: true })) as NodeJS.ReadWriteStream;
    const ended = new Promise<void>((resolve) => {
      stream.on("end", resolve);
      stream.on("close", resolve);
      stream.on("error", () => resolve());
    });
    // With a terminal Docker sends the terminal's bytes as they are, not multiplexed.
    if (Config.Tty) stream.on("data", (chunk: Buffer) => io.stdout(chunk));
    else engine.modem.demuxStream(stream, sink(io.stdout), sink(io.stderr));
    const exited = container.wait({ condition: "next-exit" }) as Promise<{ StatusCode: number }>;
    io.onStart();
    await container.start();
    // Before any keystroke goes in: what the command reads of its terminal is the client's size.
    if (Config.Tty && params.size) {
      const { columns, lines } = params.size;
      await container.resize({ h: lines, w: columns }).catch((err: unknown) => deps.log?.(`run: sizing ${app.name} ${params.dyno}'s terminal: ${errorMessage(err)}`));
    }
    await deps.prisma.instance.update({ where: { id: row.id }, data: { containerId, startedAt: new Date() } });
    io.stdin.pipe(stream);
    const kill = () => container.kill().catch((err: unknown) => deps.log?.(`run: killing ${app.name} ${params.dyno}: ${errorMessage(err)}`));
    const timer = setTimeout(() => {
      timedOut = true;
      void kill();
    }, ttl * 1000);
    io.signal.addEventListener("abort", () => void kill(), { once: true });
    try {
      const { StatusCode } = await exited;
      await Promise.race([ended, new Promise((r) => setTimeout(r, OUTPUT_GRACE_MS))]);
      return { exitCode: StatusCode, timedOut };
    } finally {
      clearTimeout(timer);
      io.stdin.unpipe(stream);
    }
  } finally {
    await stopContainer(engine, containerId ?? runContainerName(app.name, row.id), { graceSeconds: 0 });
    await deps.prisma.instance.deleteMany({ where: { id: row.id } });
  }
}

