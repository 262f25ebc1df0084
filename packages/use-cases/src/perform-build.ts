import { rm } from "node:fs/promises";
import { BuildError, formatPhases, runBuild, type Phase } from "@pier/build-runner";
import { LABEL } from "@pier/docker";
import { buildImageTag } from "@pier/naming-core";
import { appendBuildLine, finishBuildLog } from "@pier/queue";
import { withAppBuildLock } from "./app-build-lock.js";
import { purgeBuildCacheIfRequested } from "./build-cache.js";
import { ensureBuildCacheVolume } from "./build-artifacts.js";
import { buildStacks, builderMounts } from "./build-stacks.js";
import { createRelease } from "./create-release.js";
import { DeployError, deployRelease } from "./deploy-release.js";
import { deployPhases } from "./deploy-timings.js";
import type { EngineDeps } from "./deps.js";
import { emitPlatformEvent } from "./platform-events.js";
import { decryptValue, secretKey } from "./secret-box.js";
import { ReleasePhaseError, runReleasePhase } from "./run-release-phase.js";

export type BuildOutcome = { status: "succeeded"; release: number } | { status: "failed"; error: string };

/**
 * The worker's side of a push: build the image, make the release, run its release command,
 * deploy it. Every outcome is written to the build record and to the end of the build's log
 * stream, which the pushing client is reading. A failure at any step leaves the running release
 * serving.
 */
export async function performBuild(params: { buildId: string }, deps: EngineDeps): Promise<BuildOutcome> {
  let imageBuilt = false;
  const build = await deps.prisma.build.findUniqueOrThrow({ where: { id: params.buildId }, include: { app: true } });
  const lines: string[] = [];
  const phases: Phase[] = [];
  // Lines reach Redis in order: each append waits for the one before.
  let pending: Promise<void> = Promise.resolve();
  let finished: BuildOutcome | undefined;
  const out = (line: string) => {
    // The client stops reading at the outcome; the old release's drain goes on after it, silently.
    if (finished) return;
    lines.push(line);
    pending = pending.then(() => appendBuildLine(deps.redis, build.id, line));
  };
  const finish = async (outcome: BuildOutcome) => {
    if (finished) return finished;
    if (phases.length > 0) out(`-----> Timings: ${formatPhases(phases)}`);
    finished = outcome;
    await pending;
    await deps.prisma.build.update({
      where: { id: build.id },
      data: {
        // A build whose image was made succeeded even when its release then failed.
        status: imageBuilt ? "succeeded" : "failed",
        output: lines.join("\n"),
        finishedAt: new Date(),
      },
    });
    await finishBuildLog(deps.redis, build.id, outcome);
    return outcome;
  };

  try {
    return await withAppBuildLock(
      { appId: build.app.id, buildId: build.id, onWait: (holder) => out(`-----> Waiting for build ${holder.slice(0, 8)} of ${build.app.name} to finish`) },
      deps,
      buildReleaseDeploy,
    );
  } catch (err) {
    // Not a user's mistake: say so to the waiting client, then let the job fail loudly.
    await finish({ status: "failed", error: `Pier could not complete the build: ${(err as Error).message}` });
    throw err;
  }

  async function buildReleaseDeploy(): Promise<BuildOutcome> {
    if (!build.sourcePath) return finish({ status: "failed", error: "The build has no source." });
    // Queue time includes waiting for the app's previous build.
    const startedAt = new Date();
    phases.push({ name: "queue", ms: startedAt.getTime() - build.createdAt.getTime() });
    await deps.prisma.build.update({ where: { id: build.id }, data: { status: "building", startedAt } });
    if (await purgeBuildCacheIfRequested(build.app, deps)) out("-----> Build cache purged: installing everything from scratch");
    const configVars = await deps.prisma.configVar.findMany({ where: { appId: build.app.id } });
    const key = await secretKey(deps.config);
    let result;
    try {
      result = await runBuild({
        docker: deps.docker,
        sourceTarPath: build.sourcePath,
        stacks: buildStacks(deps.config),
        imageTag: buildImageTag(build.app.name, build.id),
        pip: deps.config.pip,
        config: Object.fromEntries(configVars.map((v) => [v.key, decryptValue(key, v.value)])),
        labels: { [LABEL.app]: build.app.name, [LABEL.appId]: build.app.id, [LABEL.role]: "image", [LABEL.installation]: deps.installationId },
        cacheVolume: await ensureBuildCacheVolume(build.app.id, deps),
        mounts: builderMounts(deps.config),
        memoryBytes: deps.config.build.memoryBytes,
        timeoutMs: deps.config.build.timeoutMs,
        onOutput: out,
      });
    } catch (err) {
      if (!(err instanceof BuildError)) throw err;
      await deps.prisma.build.update({ where: { id: build.id }, data: { error: err.message } });
      out(` !     ${err.message}`);
      return finish({ status: "failed", error: err.message });
    } finally {
      await rm(build.sourcePath, { force: true });
    }
    phases.push(...result.phases);
    await deps.prisma.build.update({
      where: { id: build.id },
      data: { kind: result.kind, plan: result.plan as object, imageId: result.imageId, imageTag: result.imageTag },
    });
    imageBuilt = true;

    const release = await createRelease(
      {
        appId: build.app.id,
        buildId: build.id,
        userId: build.userId,
        imageTag: result.imageTag,
        processTypes: result.processTypes,
        description: `Deploy ${build.sourceVersion?.slice(0, 8) ?? build.id.slice(0, 8)}`,
      },
      deps,
    );
    const failRelease = async (why: string) => {
      await deps.prisma.release.update({ where: { id: release.id }, data: { status: "failed", error: why } });
      out(` !     Release v${release.version} failed: ${why}`);
      out(" !     The previous release is still serving.");
      return finish({ status: "failed", error: why });
    };
    if (result.plan.release) {
      out(`-----> Running release command for v${release.version}: ${result.plan.release.at(-1)}`);
      const releaseStarted = Date.now();
      try {
        await runReleasePhase({ release, appName: build.app.name, command: result.plan.release, onOutput: (l) => out(`       ${l}`) }, deps);
      } catch (err) {
        if (!(err instanceof ReleasePhaseError)) throw err;
        return failRelease(err.message);
      }
      phases.push({ name: "release", ms: Date.now() - releaseStarted });
    }
    out(`-----> Releasing v${release.version}`);
    const deployStarted = Date.now();
    const deployLines: { at: number; line: string }[] = [];
    // The push ends as soon as the new release answers; the old one drains and stops after that,
    // still inside this job (so the app's next build waits for it).
    let live: BuildOutcome | undefined;
    const goLive = async () => {
      phases.push(...deployPhases(deployStarted, deployLines));
      out(`-----> Deployed v${release.version}`);
      await emitPlatformEvent(deps, build.app.name, "api", `Deployed v${release.version} (${release.description})`);
      live = await finish({ status: "succeeded", release: release.version });
    };
    try {
      await deployRelease(release, {
        ...deps,
        onOutput: (l) => {
          deployLines.push({ at: Date.now(), line: l });
          out(`       ${l}`);
        },
        onLive: goLive,
      });
    } catch (err) {
      if (!(err instanceof DeployError) || live) throw err;
      phases.push(...deployPhases(deployStarted, deployLines));
      return failRelease(err.message);
    }
    return live ?? finish({ status: "failed", error: `Release v${release.version} never went live` });
  }
}
