import { Transform, type TransformCallback } from "node:stream";

/** What a rendezvous secret stands for: one attach to one one-off, by the user who made it. */
export interface RendezvousSession {
  app: string;
  dyno: string;
  userId: string;
  isAdmin: boolean;
  /** The one-off has a terminal (keystrokes go to it raw), of this size when the client gave one. */
  tty: boolean;
  size?: { columns: number; lines: number };
}

/** The longest first line a client may send (the secret, then CRLF). */
export const MAX_SECRET_LINE = 256;

/**
 * The first line of a rendezvous connection: the secret, ended by CRLF (or LF). Undefined while
 * it is incomplete; an error when it is too long.
 */
export function splitSecretLine(received: Buffer): { secret: string; rest: Buffer } | undefined | Error {
  const end = received.indexOf(0x0a);
  if (end === -1) return received.length > MAX_SECRET_LINE ? new Error("the first line is too long to be a rendezvous secret") : undefined;
  if (end > MAX_SECRET_LINE) return new Error("the first line is too long to be a rendezvous secret");
  return { secret: received.subarray(0, end).toString("latin1").replace(/\r$/, ""), rest: received.subarray(end + 1) };
}

/**
 * Whether a one-off run by the heroku CLI gets a terminal, and its size: Heroku gives one unless
 * `force_no_tty`; the CLI sends COLUMNS and LINES only when its output is a terminal, so without
 * them (output piped, CI) the one-off gets pipes. Pier's own CLI says `tty` itself.
 */
export function terminalFor(body: { attach?: boolean; tty?: boolean; force_no_tty?: boolean; env?: Record<string, string> }): { tty: boolean; size?: { columns: number; lines: number } } {
  const columns = Number(body.env?.COLUMNS);
  const lines = Number(body.env?.LINES);
  const sized = Number.isInteger(columns) && columns > 0 && Number.isInteger(lines) && lines > 0;
  if (body.tty !== undefined) return { tty: body.attach === true && body.tty };
  if (body.attach !== true || body.force_no_tty === true || !sized) return { tty: false };
  return { tty: true, size: { columns, lines } };
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
