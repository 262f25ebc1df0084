/**
 * Reads the answer of `POST /apps/:app/dynos/:dyno/attach`: frames of an 8-byte header (stream,
 * 0, 0, 0, payload size big-endian) and a payload; stream 1 is stdout, 2 stderr, 3 the exit code
 * in decimal (last). Chunks may split frames anywhere.
 */
export type Frame = { stream: "stdout" | "stderr"; payload: Buffer } | { stream: "exit"; code: number };

const STREAMS = { 1: "stdout", 2: "stderr" } as const;

export function frameReader(onFrame: (frame: Frame) => void): (chunk: Buffer) => void {
  let pending: Buffer = Buffer.alloc(0);
  return (chunk) => {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    while (pending.length >= 8) {
      const size = pending.readUInt32BE(4);
      if (pending.length < 8 + size) break;
      const type = pending[0]!;
      const payload = pending.subarray(8, 8 + size);
      pending = pending.subarray(8 + size);
      if (type === 3) onFrame({ stream: "exit", code: Number(payload.toString("utf8")) });
      else if (type === 1 || type === 2) onFrame({ stream: STREAMS[type], payload });
      else throw new Error(`unexpected frame type ${type} in the attach stream`);
    }
  };
}
