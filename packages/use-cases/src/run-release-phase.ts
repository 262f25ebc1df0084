import { randomBytes } from "node:crypto";
import { LABEL, runOnce } from "@pier/docker";
import type { Release } from "@pier/db";
import { existingAppNetwork } from "./addons-docker.js";
import type { EngineDeps } from "./deps.js";
import { openConfig } from "./secret-box.js";

/** A release command (migrations, cache warm-up) gets this long before the release fails. */
export const RELEASE_PHASE_TIMEOUT_MS = 15 * 60_000;
const MEMORY = 1024 ** 3;

export class ReleasePhaseError extends Error {
  override name = "ReleasePhaseError";
}

/**
 * Runs the Procfile's `release:` command in a one-off container from the release's image, with
 * its config vars, before any instance of it starts. A non-zero exit throws ReleasePhaseError
 * (the caller marks the release failed and keeps the previous one serving).
 */
export async function runReleasePhase(
  params: { release: Release; appName: string; command: string[]; onOutput: (line: string) => void },
  deps: EngineDeps,
): Promise<void> {
  const { release } = params;
  const tail: string[] = [];
  const { exitCode, timedOut } = await runOnce(
    deps.docker,
    {
      name: `pier-release-${params.appName}-v${release.version}-${randomBytes(3).toString("hex")}`,
      image: release.imageTag!,
      cmd: params.command,
      env: { ...(await openConfig(release.config, deps)), DYNO: "release.1" },
      labels: {
        [LABEL.app]: params.appName,
        [LABEL.appId]: release.appId,
        [LABEL.release]: String(release.version),
        [LABEL.role]: "release",
        [LABEL.installation]: deps.installationId,
      },
      memoryBytes: MEMORY,
      // On the app's network when it has add-ons, so migrations reach the database.
      networkMode: await existingAppNetwork(deps.docker, release.appId),
    },
    {
      timeoutMs: RELEASE_PHASE_TIMEOUT_MS,
      onLine: (line) => {
        tail.push(line);
        if (tail.length > 20) tail.shift();
        params.onOutput(line);
      },
    },
  );
  if (timedOut) throw new ReleasePhaseError(`Release command timed out after ${RELEASE_PHASE_TIMEOUT_MS / 60_000} minutes: make it finish sooner`);
  if (exitCode !== 0) {
    const last = tail.map((l) => l.trim()).filter(Boolean).at(-1);
    throw new ReleasePhaseError(`Release command \`${params.command.at(-1)}\` exited with code ${exitCode}${last ? `: ${last}` : ""}`);
  }
}
