import { planArtifactRetention, type BuiltImage, type CacheVolume, type RetentionPlan } from "@pier/build-core";
import { dockerStatus, errorMessage, LABEL } from "@pier/docker";
import { KEPT_RELEASE_IMAGES } from "@pier/release-core";
import type Docker from "dockerode";
import { buildCacheVolume } from "./build-stacks.js";
import type { EngineDeps } from "./deps.js";
import { engineFor } from "./engines.js";


/**
 * Creates an app's build cache volume with Pier's labels, so that the cleanup can tell whose it
 * is. Docker answers an existing volume's name with that volume: its labels are left as they are.
 */
export async function ensureBuildCacheVolume(appId: string, deps: Pick<EngineDeps, "docker" | "installationId">): Promise<string> {
  const name = buildCacheVolume(appId);
  await deps.docker.createVolume({ Name: name, Labels: { [LABEL.appId]: appId, [LABEL.role]: "build", [LABEL.installation]: deps.installationId } });
  return name;
}

export interface ArtifactCleanup {
  /** "host: tag" / "host: volume" removed. */
  removed: string[];
  /** What could not be looked at or removed, and why (tried again next time). */
  problems: string[];
}

async function observe(engine: Docker, installationId: string): Promise<{ images: BuiltImage[]; volumes: CacheVolume[] }> {
  const ours = [`${LABEL.installation}=${installationId}`];
  const images = await engine.listImages({ filters: JSON.stringify({ label: [...ours, `${LABEL.role}=image`] }) });
  const volumes = (await engine.listVolumes({ filters: JSON.stringify({ label: [...ours, `${LABEL.role}=build`] }) })).Volumes ?? [];
  return {
    // Without an app label there is no telling whose it is: left alone.
    images: images
      .filter((i) => i.Labels?.[LABEL.appId])
      .flatMap((i) => (i.RepoTags ?? []).filter((t) => t !== "<none>:<none>").map((tag) => ({ tag, appId: i.Labels[LABEL.appId]!, createdAt: i.Created * 1000 }))),
    volumes: volumes.filter((v) => v.Labels?.[LABEL.appId]).map((v) => ({ name: v.Name, appId: v.Labels[LABEL.appId]! })),
  };
}

async function carryOut(engine: Docker, plan: RetentionPlan, host: string, result: ArtifactCleanup): Promise<void> {
  const attempt = async (what: string, work: () => Promise<unknown>) => {
    try {
      await work();
      result.removed.push(`${host}: ${what}`);
    } catch (err) {
      // 404: gone already. 409: still used by a container (a destroyed app's, not removed yet): next pass.
      const status = dockerStatus(err);
      if (status !== 404 && status !== 409) result.problems.push(`${host}: could not remove ${what}: ${errorMessage(err)}`);
    }
  };
  for (const tag of plan.removeImages) await attempt(tag, () => engine.getImage(tag).remove());
  for (const name of plan.removeVolumes) await attempt(name, () => engine.getVolume(name).remove());
}

/**
 * Removes, on every host, what builds left behind that nothing needs any more: a destroyed app's
 * images (dependency layers too) and build cache volume, and an existing app's images beyond its
 * last KEPT_RELEASE_IMAGES release images (and any image a running instance uses). Only this
 * installation's artifacts are looked at.
 */
export async function cleanUpBuildArtifacts(deps: EngineDeps, opts: { keep?: number; minAgeMs?: number } = {}): Promise<ArtifactCleanup> {
  const keep = opts.keep ?? KEPT_RELEASE_IMAGES;
  const [apps, instances, hosts] = await Promise.all([
    deps.prisma.app.findMany({
      select: { id: true, releases: { where: { imageTag: { not: null } }, orderBy: { version: "desc" }, distinct: ["imageTag"], take: keep, select: { imageTag: true } } },
    }),
    deps.prisma.instance.findMany({ select: { appId: true, release: { select: { imageTag: true } } } }),
    deps.prisma.host.findMany(),
  ]);
  const needed = new Map(apps.map((a) => [a.id, new Set(a.releases.map((r) => r.imageTag!))]));
  for (const i of instances) if (i.release.imageTag) needed.get(i.appId)?.add(i.release.imageTag);
  const result: ArtifactCleanup = { removed: [], problems: [] };
  for (const host of hosts) {
    const engine = engineFor(host, deps);
    let observed;
    try {
      observed = await observe(engine, deps.installationId);
    } catch (err) {
      result.problems.push(`${host.name}: could not list images and volumes: ${errorMessage(err)}`);
      continue;
    }
    // An image younger than a build's timeout may belong to a build whose release is not recorded yet.
    const plan = planArtifactRetention({ now: Date.now(), ...observed, apps: needed, minAgeMs: opts.minAgeMs ?? deps.config.build.timeoutMs });
    await carryOut(engine, plan, host.name, result);
  }
  return result;
}
