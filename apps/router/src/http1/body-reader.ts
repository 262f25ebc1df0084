import { ChunkedScanner } from "./chunked-scanner.js";

/**
 * Delimits one message body in a byte stream (Content-Length, chunked, or until close) without
 * copying: `take` says how much of a chunk belongs to the body and whether the body ended.
 */
export class BodyReader {
  private remaining: number;
  private readonly scanner: ChunkedScanner | undefined;
  /** Body data bytes seen (chunk framing excluded). */
  bytes = 0;
  done: boolean;
  error: string | undefined;

  /** length: Content-Length, or -1 with chunked, or -1 without (read until close). */
  constructor(length: number, chunked: boolean) {
    this.scanner = chunked ? new ChunkedScanner() : undefined;
    this.remaining = chunked ? -1 : length;
    this.done = !chunked && length === 0;
  }

  get untilClose(): boolean {
    return this.scanner === undefined && this.remaining === -1;
  }

  /** Bytes of chunk[from..] that belong to the body (the rest is the next message). */
  take(chunk: Buffer, from = 0): number {
    if (this.done) return 0;
    const available = chunk.length - from;
    if (this.scanner !== undefined) {
      const end = this.scanner.feed(chunk, from);
      this.bytes = this.scanner.dataBytes;
      if (this.scanner.error !== undefined) {
        this.error = this.scanner.error;
        return available;
      }
      if (end === -1) return available;
      this.done = true;
      return end - from;
    }
    if (this.remaining === -1) {
      this.bytes += available;
      return available;
    }
    const n = available < this.remaining ? available : this.remaining;
    this.remaining -= n;
    this.bytes += n;
    if (this.remaining === 0) this.done = true;
    return n;
  }
}
