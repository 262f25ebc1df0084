import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { parseConfig } from "@pier/config";
import { connectDocker, type Docker } from "@pier/docker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureImage } from "./engines.js";

const ROOT = join(import.meta.dirname, "../../..");
/** infra/lib/extra-engine.sh engine allotted to this file (hosts.e2e uses 41). */
const ENGINE = 42;
const ENGINE_SCRIPT = join(ROOT, "infra/lib/extra-engine.sh");
const local = connectDocker(process.env.PIER_DOCKER_SOCKET ?? "/var/run/docker.sock");

/** A one-file image (a few bytes), made without any base image, so copying it costs next to nothing. */
async function tinyImage(docker: Docker, repo: string, tag: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "pier-tiny-"));
  try {
    writeFileSync(join(dir, "hello.txt"), `hello from ${repo}:${tag}\n`);
    const tar = execFileSync("tar", ["-C", dir, "-c", "hello.txt"]);
    const response = await docker.importImage(Readable.from([tar]) as unknown as string, { repo, tag });
    await new Promise((resolve, reject) => (response as NodeJS.ReadableStream).on("end", resolve).on("error", reject).resume());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Images without a registry: streamed from the building engine into another one, once. */
describe("ensureImage without a registry (docker save | docker load)", () => {
  const repo = `pier/test-engines-${process.pid}`;
  const imageTag = `${repo}:v1`;
  let other: Docker;
  const deps = () => ({ docker: local, config: parseConfig({}) });

  beforeAll(async () => {
    const up = execFileSync("bash", [ENGINE_SCRIPT, "up", String(ENGINE)], { encoding: "utf8" });
    other = connectDocker(/^DOCKER_URL=(.+)$/m.exec(up)![1]!);
    await tinyImage(local, repo, "v1");
  }, 120_000);

  afterAll(async () => {
    // `kept` exists only if the test stopped halfway.
    for (const name of [imageTag, `${repo}:kept`]) {
      await local
        .getImage(name)
        .remove({ force: true })
        .catch((err: unknown) => (err as { statusCode?: number }).statusCode === 404 || console.error(`could not remove ${name}: ${String(err)}`));
    }
    execFileSync("bash", [ENGINE_SCRIPT, "down", String(ENGINE)]);
  }, 60_000);

  it("streams the image to an engine that lacks it, and sends nothing to one that has it", async () => {
    await expect(other.getImage(imageTag).inspect()).rejects.toMatchObject({ statusCode: 404 });
    await ensureImage(other, imageTag, deps());
    const loaded = await other.getImage(imageTag).inspect();
    expect(loaded.Id).toBe((await local.getImage(imageTag).inspect()).Id);
    // A load records no registry digest: the image did not come through a registry.
    expect(loaded.RepoDigests).toEqual([]);

    // Present already: not sent again. The building engine's name for it is taken away meanwhile,
    // so a second `docker save` would fail.
    await local.getImage(imageTag).tag({ repo, tag: "kept" });
    await local.getImage(imageTag).remove();
    await ensureImage(other, imageTag, deps());
    await local.getImage(`${repo}:kept`).tag({ repo, tag: "v1" });
    await local.getImage(`${repo}:kept`).remove();
  });

  it("does nothing on the building engine itself", async () => {
    await ensureImage(local, imageTag, deps());
    expect((await local.getImage(imageTag).inspect()).RepoTags).toContain(imageTag);
  });
});
