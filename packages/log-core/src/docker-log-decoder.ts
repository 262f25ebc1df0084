import { normalizeDockerTimestamp } from "./docker-timestamp.js";

/** One message from a container's log, as Docker stamped it. */
export interface DockerLogMessage {
  stream: "stdout" | "stderr";
  /** Normalized timestamp. */
  timestamp: string;
  text: string;
}

const HEADER = 8;
const SPACE = 0x20;
const NEWLINE = 0x0a;
const CR = 0x0d;
/** Docker's timestamps are at most 30 characters; the space after one is looked for no further. */
const TIMESTAMP_MAX = 40;

/**
 * Decodes the body of Docker's `logs?follow=1&timestamps=1` for a non-TTY container, chunk by
 * chunk: 8-byte frame headers (stream, 0, 0, 0, size BE), each payload one message
 * `<timestamp> <text>\n`. A message Docker split because it was long (16 KiB parts, no trailing
 * newline) is joined back before it is emitted. This runs for every line an app prints: frames
 * are found and cut with Buffer operations, and only the message is decoded as UTF-8.
 */
export function createDockerLogDecoder(onMessage: (m: DockerLogMessage) => void): { push(chunk: Uint8Array): void } {
  let pending: Buffer = Buffer.alloc(0);
  const partial: Record<"stdout" | "stderr", string> = { stdout: "", stderr: "" };
  let lastRaw = "";
  let lastNormalized = "";

  const payload = (buf: Buffer, streamByte: number, start: number, end: number) => {
    const stream = streamByte === 2 ? "stderr" : "stdout";
    const space = buf.indexOf(SPACE, start);
    const raw = space > start && space - start <= TIMESTAMP_MAX && space < end ? buf.toString("latin1", start, space) : "";
    // Lines printed together share their timestamp's normalization work.
    if (raw !== lastRaw) {
      lastNormalized = (raw && normalizeDockerTimestamp(raw)) || "";
      lastRaw = raw;
    }
    const timestamp = lastNormalized;
    if (!timestamp) throw new Error(`Docker log frame without a timestamp: ${JSON.stringify(buf.toString("latin1", start, Math.min(end, start + 60)))}`);
    const complete = buf[end - 1] === NEWLINE;
    let stop = complete ? end - 1 : end;
    if (complete && stop > space + 1 && buf[stop - 1] === CR && partial[stream] === "") stop -= 1;
    const text = buf.toString("utf8", space + 1, stop);
    if (!complete) {
      partial[stream] += text;
      return;
    }
    let body = text;
    if (partial[stream] !== "") {
      body = partial[stream] + text;
      partial[stream] = "";
      if (body.endsWith("\r")) body = body.slice(0, -1);
    }
    onMessage({ stream, timestamp, text: body });
  };

  return {
    push(chunk) {
      const incoming = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      const buf = pending.length === 0 ? incoming : Buffer.concat([pending, incoming]);
      let at = 0;
      while (buf.length - at >= HEADER) {
        const size = buf.readUInt32BE(at + 4);
        if (buf.length - at < HEADER + size) break;
        payload(buf, buf[at]!, at + HEADER, at + HEADER + size);
        at += HEADER + size;
      }
      // Copy the remainder: the caller may reuse its chunk buffers.
      pending = at === buf.length ? Buffer.alloc(0) : Buffer.from(buf.subarray(at));
    },
  };
}
