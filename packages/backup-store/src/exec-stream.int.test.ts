import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import Docker from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execStreaming } from "./exec-stream.js";

// Any image with coreutils will do; the Python stack image is always built for the tests.
const IMAGE = process.env.PIER_STACK_IMAGE ?? "pier/stack-python:3.11";
const docker = new Docker({ socketPath: process.env.PIER_DOCKER_SOCKET ?? "/var/run/docker.sock" });
const name = `pier-test-backup-exec-${randomBytes(3).toString("hex")}`;
let id = "";

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

beforeAll(async () => {
  const c = await docker.createContainer({ name, Image: IMAGE, Cmd: ["sleep", "600"], Labels: { "pier.installation": name, "pier.role": "test" }, HostConfig: { AutoRemove: false } });
  await c.start();
  id = c.id;
});
afterAll(async () => {
  if (id) await docker.getContainer(id).remove({ force: true });
});

describe("execStreaming", () => {
  it("streams binary stdout, keeps stderr apart and reports the exit code", async () => {
    let out = Buffer.alloc(0);
    const r = await execStreaming(docker, id, { argv: ["sh", "-c", 'head -c 300000 /dev/zero; echo "oops: $SECRET" >&2; exit 3'], env: { SECRET: "s3" } }, async (s) => {
      out = await collect(s);
    });
    expect(out.length).toBe(300000);
    expect(r).toEqual({ exitCode: 3, stderr: "oops: s3" });
  });

  it("feeds stdin and closes it at the end (cat returns)", async () => {
    const input = randomBytes(500_000);
    let out = Buffer.alloc(0);
    const r = await execStreaming(docker, id, { argv: ["cat"], env: {}, stdin: Readable.from([input.subarray(0, 1000), input.subarray(1000)]) }, async (s) => {
      out = await collect(s);
    });
    expect(r.exitCode).toBe(0);
    expect(out.equals(input)).toBe(true);
  });

  it("runs as another user", async () => {
    let out = "";
    await execStreaming(docker, id, { argv: ["id", "-u"], env: {}, user: "65534" }, async (s) => {
      out = (await collect(s)).toString().trim();
    });
    expect(out).toBe("65534");
  });
});
