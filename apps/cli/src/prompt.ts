import { createInterface } from "node:readline/promises";
import { Writable } from "node:stream";

/** Asks on stderr (stdout stays clean for scripts); with `secret`, typed characters are not echoed. */
export async function prompt(question: string, opts: { secret?: boolean } = {}): Promise<string> {
  const muted = new Writable({ write: (_chunk, _enc, done) => done() });
  const interactive = Boolean(process.stdin.isTTY);
  process.stderr.write(question);
  const rl = createInterface({ input: process.stdin, output: opts.secret && interactive ? muted : process.stderr, terminal: interactive });
  try {
    return (await rl.question("")).trim();
  } finally {
    rl.close();
    if (opts.secret && interactive) process.stderr.write("\n");
  }
}
