import { Writable } from "node:stream";
import type Docker from "dockerode";
import { lineSplitter } from "./lines.js";
import { envList } from "./specs/env.js";

export interface ExecInput {
  argv: string[];
  env?: Record<string, string>;
  workingDir: string;
}

export type OutputStream = "stdout" | "stderr";

function lineSink(onLine: (line: string) => void): { sink: Writable; end(): void } {
  const lines = lineSplitter(onLine);
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk);
      done();
    },
  });
  return { sink, end: () => lines.end() };
}

/**
 * Runs argv in a running container (no shell), streaming its output line by line, and returns
 * the exit code.
 */
export async function execInContainer(
  docker: Docker,
  containerId: string,
  input: ExecInput,
  onLine: (line: string, stream: OutputStream) => void,
): Promise<number> {
  const exec = await docker.getContainer(containerId).exec({
    Cmd: input.argv,
    Env: envList(input.env ?? {}),
    WorkingDir: input.workingDir,
    AttachStdout: true,
    AttachStderr: true,
    Tty: false,
  });
  const stream = await exec.start({ hijack: true, stdin: false });
  const out = lineSink((l) => onLine(l, "stdout"));
  const err = lineSink((l) => onLine(l, "stderr"));
  await new Promise<void>((resolve, reject) => {
    docker.modem.demuxStream(stream, out.sink, err.sink);
    stream.on("end", resolve);
    stream.on("close", resolve);
    stream.on("error", reject);
  });
  out.end();
  err.end();
  // The stream can end a moment before the engine records the exit code.
  for (;;) {
    const info = await exec.inspect();
    if (!info.Running && info.ExitCode !== null) return info.ExitCode;
    await new Promise((r) => setTimeout(r, 50));
  }
}
