import { PassThrough, Writable, type Readable } from "node:stream";
import type Docker from "dockerode";

export interface StreamExec {
  argv: string[];
  env: Record<string, string>;
  /** Runs as this user instead of the container's default. */
  user?: string;
  /** Fed to the command's stdin, which is closed at its end. */
  stdin?: Readable;
}

export interface ExecResult {
  exitCode: number;
  /** The last lines the command wrote to stderr, for the failure message. */
  stderr: string;
}

const STDERR_KEPT = 4000;

/**
 * Runs argv in a running container (no shell) with its stdout as a byte stream (a dump is binary)
 * and stderr collected. `onStdout` receives the stream before the command starts; the promise
 * settles once the command has exited and its output has been consumed.
 */
export async function execStreaming(docker: Docker, containerId: string, input: StreamExec, onStdout?: (stdout: Readable) => Promise<unknown>): Promise<ExecResult> {
  const exec = await docker.getContainer(containerId).exec({
    Cmd: input.argv,
    Env: Object.entries(input.env).map(([k, v]) => `${k}=${v}`),
    User: input.user,
    AttachStdin: input.stdin !== undefined,
    AttachStdout: true,
    AttachStderr: true,
    Tty: false,
  });
  const stream = await exec.start({ hijack: true, stdin: input.stdin !== undefined });
  const stdout = new PassThrough();
  let stderr = "";
  const errSink = new Writable({
    write(chunk: Buffer, _e, done) {
      stderr = (stderr + chunk.toString("utf8")).slice(-STDERR_KEPT);
      done();
    },
  });
  docker.modem.demuxStream(stream, stdout, errSink);
  const ended = new Promise<void>((resolve, reject) => {
    stream.on("end", resolve);
    stream.on("close", resolve);
    stream.on("error", reject);
  }).then(() => stdout.end());
  const consumed = onStdout ? onStdout(stdout) : drain(stdout);
  if (input.stdin) {
    const source = input.stdin;
    source.on("error", (err) => stream.destroy(err));
    // end() half-closes the connection: the engine then closes the command's stdin.
    source.pipe(stream, { end: true });
  }
  await Promise.all([ended, consumed]);
  for (;;) {
    // The stream can end a moment before the engine records the exit code.
    const info = await exec.inspect();
    if (!info.Running && info.ExitCode !== null) return { exitCode: info.ExitCode, stderr: stderr.trim() };
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function drain(stream: Readable): Promise<void> {
  for await (const _ of stream) void _;
}
