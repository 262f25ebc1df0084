import { Writable } from "node:stream";
import type Docker from "dockerode";
import { dockerStatus } from "./errors.js";
import { lineSplitter } from "./lines.js";
import { oneOffContainerSpec, type OneOffSpecInput } from "./specs/one-off.js";

function lineSink(onLine: (line: string) => void): { sink: Writable; end(): void } {
  const lines = lineSplitter(onLine);
  return {
    sink: new Writable({
      write(chunk: Buffer, _e, done) {
        lines.push(chunk);
        done();
      },
    }),
    end: () => lines.end(),
  };
}

/**
 * Runs a one-off container to completion, streaming its output by line, and removes it.
 * Returns the exit code; after `timeoutMs` the container is killed and 137 comes back.
 */
export async function runOnce(
  docker: Docker,
  spec: OneOffSpecInput,
  opts: { timeoutMs: number; onLine: (line: string) => void },
): Promise<{ exitCode: number; timedOut: boolean }> {
  const container = await docker.createContainer(oneOffContainerSpec(spec));
  let timedOut = false;
  try {
    const stream = await container.attach({ stream: true, stdout: true, stderr: true });
    const out = lineSink(opts.onLine);
    docker.modem.demuxStream(stream, out.sink, out.sink);
    const ended = new Promise<void>((resolve) => {
      stream.on("end", resolve);
      stream.on("close", resolve);
    });
    await container.start();
    const timer = setTimeout(() => {
      timedOut = true;
      container.kill().catch(() => undefined); // it may have exited meanwhile; wait() reports either way
    }, opts.timeoutMs);
    const result = (await container.wait()) as { StatusCode: number };
    clearTimeout(timer);
    await Promise.race([ended, new Promise((r) => setTimeout(r, 1000))]);
    out.end();
    return { exitCode: result.StatusCode, timedOut };
  } finally {
    await container.remove({ force: true }).catch((err: unknown) => {
      if (dockerStatus(err) !== 404) throw err;
    });
  }
}
