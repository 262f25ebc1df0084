/**
 * Text of a non-TTY Docker log buffer: 8-byte frame headers (stream, 0, 0, 0, size BE)
 * followed by payloads, stdout and stderr interleaved in order. A buffer that does not look
 * framed (a TTY container) is returned as is.
 */
export function demuxDockerFrames(buf: Uint8Array): string {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const parts: Uint8Array[] = [];
  let at = 0;
  while (at < buf.length) {
    const framed = at + 8 <= buf.length && buf[at]! <= 2 && buf[at + 1] === 0 && buf[at + 2] === 0 && buf[at + 3] === 0;
    if (!framed) return new TextDecoder().decode(buf);
    const size = view.getUint32(at + 4);
    parts.push(buf.subarray(at + 8, Math.min(at + 8 + size, buf.length)));
    at += 8 + size;
  }
  // One decoder across frames: a character may be split between two of them.
  const decoder = new TextDecoder();
  return parts.map((p) => decoder.decode(p, { stream: true })).join("") + decoder.decode();
}
