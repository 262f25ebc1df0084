/**
 * Reading the API's streams (build output as text, log sessions as text/event-stream) with fetch,
 * so a stream can carry the Authorization header when it needs one and be aborted with a signal.
 */

/** Splits text arriving in chunks into whole lines; the last, unfinished line waits for more. */
export class LineSplitter {
  private rest = "";

  push(chunk: string): string[] {
    const lines = (this.rest + chunk).split(/\r?\n/);
    this.rest = lines.pop() ?? "";
    return lines;
  }

  flush(): string[] {
    const last = this.rest;
    this.rest = "";
    return last ? [last] : [];
  }
}

/**
 * Collects `data:` payloads of server-sent events from lines. An event ends at a blank line; its
 * data lines are joined with newlines (the SSE rule), and each resulting line is one log line.
 */
export class SseParser {
  private data: string[] = [];

  line(line: string): string[] {
    if (line === "") {
      const payload = this.data.join("\n");
      this.data = [];
      return payload ? payload.split("\n") : [];
    }
    if (line.startsWith(":")) return [];
    if (line.startsWith("data:")) this.data.push(line.slice(line.startsWith("data: ") ? 6 : 5));
    return [];
  }
}

export interface StreamOptions {
  signal: AbortSignal;
  headers?: Record<string, string>;
  onLine: (line: string) => void;
}

/** Reads a text or event stream to its end, calling `onLine` for each line (SSE payloads unwrapped). */
export async function readLines(url: string, opts: StreamOptions): Promise<void> {
  const res = await fetch(url, { headers: opts.headers, signal: opts.signal, credentials: "omit" });
  if (!res.ok || !res.body) throw new Error(`The stream answered ${res.status}; reload to try again.`);
  const sse = (res.headers.get("content-type") ?? "").includes("text/event-stream") ? new SseParser() : null;
  const splitter = new LineSplitter();
  const emit = (lines: string[]) => {
    for (const line of lines) {
      if (sse) sse.line(line).forEach(opts.onLine);
      else opts.onLine(line);
    }
  };
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    emit(splitter.push(value));
  }
  emit(splitter.flush());
  if (sse) emit([""]);
}
