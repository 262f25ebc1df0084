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
const REGISTRY_SCRIPT = join(ROOT, "infra/lib/registry.sh");
/** This file's registry (hosts.e2e uses 5041). */
const REGISTRY_PORT = 5042;
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

/** Release images reach another engine: streamed without a registry, pushed and pulled with one. */
describe("ensureImage", () => {
  const repo = `pier/test-engines-${process.pid}`;
  const imageTag = `${repo}:v1`;
  let other: Docker;
  const deps = () => ({ docker: local, config: parseConfig({}) });
  const registry = (action: "up" | "down") => execFileSync("bash", [REGISTRY_SCRIPT, action, String(REGISTRY_PORT)]);

  beforeAll(async () => {
    const up = execFileSync("bash", [ENGINE_SCRIPT, "up", String(ENGINE)], { encoding: "utf8" });
    other = connectDocker(/^DOCKER_URL=(.+)$/m.exec(up)![1]!);
    await tinyImage(local, repo, "v1");
  }, 120_000);

  afterAll(async () => {
    // `kept` exists only if the test stopped halfway; the registry name only after the registry test.
    for (const name of [imageTag, `${repo}:kept`, `127.0.0.1:${REGISTRY_PORT}/${imageTag}`]) {
      await local
        .getImage(name)
        .remove({ force: true })
        .catch((err: unknown) => (err as { statusCode?: number }).statusCode === 404 || console.error(`could not remove ${name}: ${String(err)}`));
    }
    execFileSync("bash", [ENGINE_SCRIPT, "down", String(ENGINE)]);
    registry("down");
  }, 60_000);

  it("without a registry, streams the image to an engine that lacks it, and sends nothing to one that has it", async () => {
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

  it("with a registry, pushes the image and the other engine pulls it, pushing again when the registry lost it", async () => {
    await other.getImage(imageTag).remove();
    registry("up");
    const config = { ...parseConfig({}), registry: { push: `127.0.0.1:${REGISTRY_PORT}`, pull: `10.231.${ENGINE}.1:${REGISTRY_PORT}` } };
    const pulledFrom = async () => (await other.getImage(imageTag).inspect()).RepoDigests.map((d) => d.replace(/@.*/, ""));
    await ensureImage(other, imageTag, { docker: local, config });
    expect(await pulledFrom()).toEqual([`10.231.${ENGINE}.1:${REGISTRY_PORT}/${repo}`]);

    // A new, empty registry: this process's record of the push is stale; the pull fails, it pushes again.
    await other.getImage(imageTag).remove();
    await other.getImage(`10.231.${ENGINE}.1:${REGISTRY_PORT}/${imageTag}`).remove();
    registry("down");
    registry("up");
    await ensureImage(other, imageTag, { docker: local, config });
    expect(await pulledFrom()).toEqual([`10.231.${ENGINE}.1:${REGISTRY_PORT}/${repo}`]);
  });

  it("does nothing on the building engine itself", async () => {
    await ensureImage(local, imageTag, deps());
    expect((await local.getImage(imageTag).inspect()).RepoTags).toContain(imageTag);
  });
});
