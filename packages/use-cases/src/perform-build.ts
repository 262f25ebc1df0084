import { rm } from "node:fs/promises";
import { BuildError, runBuild } from "@pier/build-runner";
import { LABEL } from "@pier/docker";
import { buildImageTag } from "@pier/naming-core";
import { appendBuildLine, finishBuildLog } from "@pier/queue";
import { createRelease } from "./create-release.js";
import { DeployError, deployRelease } from "./deploy-release.js";
import type { EngineDeps } from "./deps.js";
import { emitPlatformEvent } from "./platform-events.js";

export type BuildOutcome = { status: "succeeded"; release: number } | { status: "failed"; error: string };

/**
 * The worker's side of a push: build the image, make the release, deploy it. Every outcome is
 * written to the build record and to the end of the build's log stream, which the pushing client
 * is reading. A failure at any step leaves the running release serving.
 */
export async function performBuild(params: { buildId: string }, deps: EngineDeps): Promise<BuildOutcome> {
  let imageBuilt = false;
  const build = await deps.prisma.build.findUniqueOrThrow({ where: { id: params.buildId }, include: { app: true } });
  const lines: string[] = [];
  // Lines reach Redis in order: each append waits for the one before.
  let pending: Promise<void> = Promise.resolve();
  const out = (line: string) => {
    lines.push(line);
    pending = pending.then(() => appendBuildLine(deps.redis, build.id, line));
  };
  const finish = async (outcome: BuildOutcome) => {
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
    return await buildReleaseDeploy();
  } catch (err) {
    // Not a user's mistake: say so to the waiting client, then let the job fail loudly.
    await finish({ status: "failed", error: `Pier could not complete the build: ${(err as Error).message}` });
    throw err;
  }

  async function buildReleaseDeploy(): Promise<BuildOutcome> {
    if (!build.sourcePath) return finish({ status: "failed", error: "The build has no source." });
    await deps.prisma.build.update({ where: { id: build.id }, data: { status: "building", startedAt: new Date() } });
    const imageTag = buildImageTag(build.app.name, build.id);
    let result;
    try {
      result = await runBuild({
        docker: deps.docker,
        sourceTarPath: build.sourcePath,
        stackImage: deps.config.stackImage,
        imageTag,
        pip: deps.config.pip,
        labels: { [LABEL.app]: build.app.name, [LABEL.appId]: build.app.id, [LABEL.role]: "image", [LABEL.installation]: deps.installationId },
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
    out(`-----> Releasing v${release.version}`);
    try {
      await deployRelease(release, { ...deps, onOutput: (l) => out(`       ${l}`) });
    } catch (err) {
      if (!(err instanceof DeployError)) throw err;
      await deps.prisma.release.update({ where: { id: release.id }, data: { status: "failed", error: err.message } });
      out(` !     Release v${release.version} failed: ${err.message}`);
      out(" !     The previous release is still serving.");
      return finish({ status: "failed", error: err.message });
    }
    await deps.prisma.release.update({ where: { id: release.id }, data: { status: "succeeded" } });
    out(`-----> Deployed v${release.version}`);
    await emitPlatformEvent(deps, build.app.name, "api", `Deployed v${release.version} (${release.description})`);
    return finish({ status: "succeeded", release: release.version });
  }
}
