import { Transform, type TransformCallback } from "node:stream";

/** The longest first line a client may send (the secret, then CRLF). */
export const MAX_SECRET_LINE = 256;

/**
 * The first line of a rendezvous connection: the secret, ended by CRLF (or LF). Undefined while
 * it is incomplete; an error when it is too long.
 */
export function splitSecretLine(received: Buffer): { secret: string; rest: Buffer } | undefined | Error {
  const end = received.indexOf(0x0a);
  if ((end === -1 ? received.length : end) > MAX_SECRET_LINE) return new Error("the first line is too long to be a rendezvous secret");
  if (end === -1) return undefined;
  return { secret: received.subarray(0, end).toString("latin1").replace(/\r$/, ""), rest: received.subarray(end + 1) };
}

/**
 * The heroku CLI ends piped input with Ctrl-D (0x04) instead of closing its side: without a
 * terminal to turn that into end-of-file, the stream ends there.
 */
export function endAtCtrlD(): Transform {
  let ended = false;
  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      if (ended) return done();
      const at = chunk.indexOf(0x04);
      if (at === -1) return done(null, chunk);
      ended = true;
      if (at > 0) this.push(chunk.subarray(0, at));
      this.push(null);
      done();
    },
  });
}
