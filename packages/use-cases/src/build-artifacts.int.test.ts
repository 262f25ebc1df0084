import { randomBytes, randomUUID } from "node:crypto";
import { parseConfig } from "@pier/config";
import { createPrisma, type PrismaClient } from "@pier/db";
import { createTestDatabase } from "@pier/db/testing";
import { commitContainer, connectDocker, LABEL } from "@pier/docker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanUpBuildArtifacts, ensureBuildCacheVolume } from "./build-artifacts.js";
import type { EngineDeps } from "./deps.js";
import { ensureLocalHost } from "./local-host.js";

const STACK = process.env.PIER_STACK_IMAGE ?? "pier/stack-python:3.11";
const docker = connectDocker(process.env.PIER_DOCKER_SOCKET ?? "/var/run/docker.sock");

/** Build artifacts on a real Docker engine: what a destroyed app and an old build leave behind goes. */
describe("cleanUpBuildArtifacts", () => {
  const installationId = `test-${randomBytes(4).toString("hex")}`;
  const repo = `pier/app-artifacts-${installationId}`;
  let db: { url: string; drop(): Promise<void> };
  let prisma: PrismaClient;
  let deps: EngineDeps;

  /** A tiny image labelled like a build's (a created container committed: no layer of its own). */
  async function builtImage(tag: string, appId: string, installation = installationId): Promise<void> {
    const c = await docker.createContainer({ Image: STACK, Cmd: ["true"] });
    try {
      await commitContainer(docker, c.id, { repo, tag }, { Cmd: ["true"], Env: [], WorkingDir: "/", Labels: { [LABEL.appId]: appId, [LABEL.role]: "image", [LABEL.installation]: installation } }, { pause: false });
    } finally {
      await c.remove({ force: true });
    }
  }
  const tagsLeft = async () =>
    (await docker.listImages({ filters: JSON.stringify({ reference: [`${repo}:*`] }) })).flatMap((i) => i.RepoTags ?? []).map((t) => t.split(":").at(-1)).sort();
  const volumesLeft = async (names: string[]) =>
    ((await docker.listVolumes()).Volumes ?? []).map((v) => v.Name).filter((n) => names.includes(n)).sort();

  beforeAll(async () => {
    db = await createTestDatabase({ prefix: "pier_artifacts" });
    prisma = createPrisma(db.url);
    const config = parseConfig({ DATABASE_URL: db.url, REDIS_URL: "redis://127.0.0.1:6379/15" });
    deps = { prisma, docker, config, installationId } as unknown as EngineDeps;
  });
  afterAll(async () => {
    for (const tag of await tagsLeft()) await docker.getImage(`${repo}:${tag}`).remove({ force: true });
    const ours = ((await docker.listVolumes({ filters: JSON.stringify({ label: [`${LABEL.installation}=${installationId}`] }) })).Volumes ?? []);
    for (const v of ours) await docker.getVolume(v.Name).remove();
    await prisma?.$disconnect();
    await db?.drop();
  });

  it("removes a destroyed app's images and cache volume, and an app's images beyond its last release images", async () => {
    const host = await ensureLocalHost(deps);
    const owner = await prisma.user.create({ data: { email: "owner@example.com" } });
    const app = await prisma.app.create({ data: { name: "keeper", ownerId: owner.id } });
    const goneId = randomUUID();
    // v1..v7 with their own images, v8 a config change (same image as v7); v1 still runs somewhere.
    for (let v = 1; v <= 8; v++) {
      const tag = `b-${Math.min(v, 7)}`;
      if (v <= 7) await builtImage(tag, app.id);
      const release = await prisma.release.create({ data: { appId: app.id, version: v, imageTag: `${repo}:${tag}`, status: "succeeded" } });
      if (v === 1) await prisma.instance.create({ data: { appId: app.id, releaseId: release.id, hostId: host.id, type: "web", number: 1 } });
    }
    await builtImage("deps-keeper", app.id);
    await builtImage("g-1", goneId);
    await builtImage("deps-gone", goneId);
    // Another installation's image of an app this one does not know: not ours to judge.
    await builtImage("other-1", goneId, `${installationId}-other`);
    const volumes = [await ensureBuildCacheVolume(app.id, deps), await ensureBuildCacheVolume(goneId, deps)];

    const result = await cleanUpBuildArtifacts(deps, { keep: 5, minAgeMs: 0 });

    expect(result.problems).toEqual([]);
    expect(await tagsLeft()).toEqual(["b-1", "b-3", "b-4", "b-5", "b-6", "b-7", "deps-keeper", "other-1"]);
    expect(await volumesLeft(volumes)).toEqual([`pier-build-cache-${app.id}`]);
    expect(result.removed.sort()).toEqual([`local: ${repo}:b-2`, `local: ${repo}:deps-gone`, `local: ${repo}:g-1`, `local: pier-build-cache-${goneId}`].sort());

    // Young images are left to builds still making their release.
    await builtImage("b-young", app.id);
    await cleanUpBuildArtifacts(deps, { keep: 5, minAgeMs: 60_000 });
    expect(await tagsLeft()).toContain("b-young");
  });
});
