import type { Writable } from "node:stream";

/**
 * Batches log lines into one write per event-loop turn: a write per request would cost a
 * system call per request on the proxy's hot path (stdout to a pipe or file is synchronous).
 */
export function createLineWriter(stream: Writable, maxBuffered = 64 * 1024): { write(line: string): void; flush(): void } {
  let buffer = "";
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (buffer.length === 0) return;
    const text = buffer;
    buffer = "";
    stream.write(text);
  };
  return {
    write(line) {
      buffer += `${line}\n`;
      if (buffer.length >= maxBuffered) flush();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    flush,
  };
}
