import { describe, expect, it } from "vitest";
import { createDockerLogDecoder, type DockerLogMessage } from "./docker-log-decoder.js";

function frame(stream: 1 | 2, text: string): Uint8Array {
  const body = new TextEncoder().encode(text);
  const out = new Uint8Array(8 + body.length);
  out[0] = stream;
  new DataView(out.buffer).setUint32(4, body.length);
  out.set(body, 8);
  return out;
}

function decodeAll(chunks: Uint8Array[]): DockerLogMessage[] {
  const got: DockerLogMessage[] = [];
  const d = createDockerLogDecoder((m) => got.push(m));
  for (const c of chunks) d.push(c);
  return got;
}

const T1 = "2026-01-01T12:00:00.1Z";
const N1 = "2026-01-01T12:00:00.100000000Z";
const T2 = "2026-01-01T12:00:00.2Z";
const N2 = "2026-01-01T12:00:00.200000000Z";

describe("createDockerLogDecoder", () => {
  const whole = [frame(1, `${T1} hello\n`), frame(2, `${T2} oops é\r\n`)];
  const expected: DockerLogMessage[] = [
    { stream: "stdout", timestamp: N1, text: "hello" },
    { stream: "stderr", timestamp: N2, text: "oops é" },
  ];

  it("decodes whole frames", () => expect(decodeAll(whole)).toEqual(expected));

  it("decodes frames split at every byte", () => {
    const bytes = new Uint8Array([...whole[0]!, ...whole[1]!]);
    expect(decodeAll([...bytes].map((b) => new Uint8Array([b])))).toEqual(expected);
  });

  it("joins a long message Docker sent in parts", () => {
    expect(decodeAll([frame(1, `${T1} part one `), frame(2, `${T2} err\n`), frame(1, `${T2} part two\n`)])).toEqual([
      { stream: "stderr", timestamp: N2, text: "err" },
      { stream: "stdout", timestamp: N2, text: "part one part two" },
    ]);
  });

  it("rejects a frame without a timestamp", () => {
    expect(() => decodeAll([frame(1, "no timestamp\n")])).toThrow(/without a timestamp/);
  });
});
