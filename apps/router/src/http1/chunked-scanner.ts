/**
 * Finds where a chunked body ends without changing a byte of it: the proxy forwards chunked
 * bodies verbatim and only needs to know when the message is complete (and how many data bytes
 * it carried, for the access log). Fed the body's bytes in order, in any split.
 */
const enum State { Size, Ext, SizeLf, Data, DataCr, DataLf, Trailer, TrailerLf, LastLf, Done }

export class ChunkedScanner {
  private state = State.Size;
  private size = 0;
  private digits = 0;
  private remaining = 0;
  /** Whether the current trailer line is empty (so its LF ends the message). */
  private emptyLine = true;
  /** Data bytes (excluding framing) seen so far. */
  dataBytes = 0;
  /** Set when the framing is invalid. */
  error: string | undefined;

  get done(): boolean {
    return this.state === State.Done;
  }

  /**
   * Scans buf[from..]; returns the index just past the body's end when it ends in this buffer,
   * else -1 (everything consumed, or an error: see `error`).
   */
  feed(buf: Buffer, from = 0): number {
    let i = from;
    const n = buf.length;
    while (i < n) {
      switch (this.state) {
        case State.Data: {
          const take = Math.min(this.remaining, n - i);
          this.remaining -= take;
          this.dataBytes += take;
          i += take;
          if (this.remaining === 0) this.state = State.DataCr;
          continue;
        }
        case State.Size: {
          const c = buf[i]!;
          const d = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;
          if (d >= 0) {
            if (++this.digits > 12) return this.fail("chunk size too large");
            this.size = this.size * 16 + d;
          } else if (this.digits === 0) return this.fail("malformed chunk size");
          else if (c === 13) this.state = State.SizeLf;
          else if (c === 59 || c === 32 || c === 9) this.state = State.Ext;
          else return this.fail("malformed chunk size");
          break;
        }
        case State.Ext:
          if (buf[i] === 13) this.state = State.SizeLf;
          break;
        case State.SizeLf:
          if (buf[i] !== 10) return this.fail("malformed chunk line");
          if (this.size === 0) {
            this.state = State.Trailer;
            this.emptyLine = true;
          } else {
            this.remaining = this.size;
            this.state = State.Data;
          }
          this.size = 0;
          this.digits = 0;
          break;
        case State.DataCr:
          if (buf[i] !== 13) return this.fail("chunk data longer than its size");
          this.state = State.DataLf;
          break;
        case State.DataLf:
          if (buf[i] !== 10) return this.fail("chunk data longer than its size");
          this.state = State.Size;
          break;
        case State.Trailer:
          if (buf[i] === 13) this.state = this.emptyLine ? State.LastLf : State.TrailerLf;
          else this.emptyLine = false;
          break;
        case State.TrailerLf:
          if (buf[i] !== 10) return this.fail("malformed trailer");
          this.state = State.Trailer;
          this.emptyLine = true;
          break;
        case State.LastLf:
          if (buf[i] !== 10) return this.fail("malformed end of chunked body");
          this.state = State.Done;
          return i + 1;
        case State.Done:
          return i;
      }
      i++;
    }
    return -1;
  }

  private fail(reason: string): number {
    this.error = reason;
    return -1;
  }
}
