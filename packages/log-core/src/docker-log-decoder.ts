import { normalizeDockerTimestamp } from "./docker-timestamp.js";

/** One message from a container's log, as Docker stamped it. */
export interface DockerLogMessage {
  stream: "stdout" | "stderr";
  /** Normalized timestamp. */
  timestamp: string;
  text: string;
}

const HEADER = 8;

/**
 * Decodes the body of Docker's `logs?follow=1&timestamps=1` for a non-TTY container, chunk by
 * chunk: 8-byte frame headers (stream, 0, 0, 0, size BE), each payload one message
 * `<timestamp> <text>\n`. A message Docker split because it was long (16 KiB parts, no trailing
 * newline) is joined back before it is emitted.
 */
export function createDockerLogDecoder(onMessage: (m: DockerLogMessage) => void): { push(chunk: Uint8Array): void } {
  let pending: Uint8Array = new Uint8Array(0);
  const partial: Record<"stdout" | "stderr", string> = { stdout: "", stderr: "" };
  const decoder = new TextDecoder("utf-8");

  const payload = (streamByte: number, bytes: Uint8Array) => {
    const stream = streamByte === 2 ? "stderr" : "stdout";
    const text = decoder.decode(bytes);
    const space = text.indexOf(" ");
    const timestamp = space > 0 ? normalizeDockerTimestamp(text.slice(0, space)) : undefined;
    if (timestamp === undefined) throw new Error(`Docker log frame without a timestamp: ${JSON.stringify(text.slice(0, 60))}`);
    const complete = text.endsWith("\n");
    const body = partial[stream] + text.slice(space + 1, complete ? -1 : undefined);
    if (!complete) {
      partial[stream] = body;
      return;
    }
    partial[stream] = "";
    onMessage({ stream, timestamp, text: body.endsWith("\r") ? body.slice(0, -1) : body });
  };

  return {
    push(chunk) {
      let buf = pending.length === 0 ? chunk : concat(pending, chunk);
      let at = 0;
      while (buf.length - at >= HEADER) {
        const size = ((buf[at + 4]! << 24) >>> 0) + (buf[at + 5]! << 16) + (buf[at + 6]! << 8) + buf[at + 7]!;
        if (buf.length - at < HEADER + size) break;
        payload(buf[at]!, buf.subarray(at + HEADER, at + HEADER + size));
        at += HEADER + size;
      }
      buf = buf.subarray(at);
      // Copy the remainder: the caller may reuse its chunk buffers.
      pending = buf.length === 0 ? new Uint8Array(0) : buf.slice();
    },
  };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
