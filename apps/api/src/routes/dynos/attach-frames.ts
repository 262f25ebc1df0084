/**
 * The body of `POST /apps/:app/dynos/:dyno/attach`: Docker's multiplexed stream format (8-byte
 * header: stream, 0, 0, 0, payload size big-endian) with stream 1 stdout, 2 stderr, and a last
 * frame of stream 3 whose payload is the exit code in decimal. The request body is raw stdin.
 * A one-off with a terminal (tty) has one output stream: all of it comes as stream 1, and the
 * body is the client's keystrokes as typed (Ctrl-C, Ctrl-D included).
 */
export const ATTACH_CONTENT_TYPE = "application/vnd.pier.attach";

export type AttachStream = "stdout" | "stderr" | "exit";
const CODES: Record<AttachStream, number> = { stdout: 1, stderr: 2, exit: 3 };

export function attachFrame(stream: AttachStream, payload: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header[0] = CODES[stream];
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}
