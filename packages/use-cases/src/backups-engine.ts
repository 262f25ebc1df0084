import { KINDS } from "@pier/addon-core";
import type { DatabaseLogin } from "@pier/backup-core";
import { dockerStatus, errorMessage } from "@pier/docker";
import type { Addon, Host } from "@pier/db";
import type Docker from "dockerode";
import type { EngineDeps } from "./deps.js";
import { engineFor } from "./engines.js";
import { decryptValue, secretKey } from "./secret-box.js";

/** The engine an add-on's container runs on (the worker's own when it has no host). */
export function addonEngine(addon: { host: Host | null }, deps: Pick<EngineDeps, "docker">): Docker {
  return addon.host ? engineFor(addon.host, deps) : deps.docker;
}

/** How commands inside the add-on's own container reach its server: loopback, the app's credentials. */
export async function addonLogin(addon: Pick<Addon, "kind" | "username" | "passwordSealed" | "databaseName">, deps: Pick<EngineDeps, "config">): Promise<DatabaseLogin> {
  return {
    kind: addon.kind,
    host: "127.0.0.1",
    port: KINDS[addon.kind].port,
    username: addon.username,
    password: decryptValue(await secretKey(deps.config), addon.passwordSealed),
    databaseName: addon.databaseName,
  };
}

/** A failure of a backup or restore, worded for the person reading `pier backups`. */
export class BackupFailure extends Error {
  override name = "BackupFailure";
}

/** Docker's errors about the add-on's container, in words that say what to do. */
export function describeEngineError(err: unknown, containerName: string): string {
  if (err instanceof BackupFailure) return err.message;
  const status = dockerStatus(err);
  if (status === 409) return `the add-on's container ${containerName} is not running (see pier addons:info; Pier restarts it if it crashed)`;
  if (status === 404) return `the add-on's container ${containerName} does not exist`;
  return errorMessage(err);
}

/** "pg_dump exited with code 1: connection refused" from a command's exit code and stderr. */
export function commandFailure(what: string, exitCode: number, stderr: string): BackupFailure {
  const last = stderr.split("\n").map((l) => l.trim()).filter(Boolean).slice(-3).join(" / ");
  return new BackupFailure(`${what} exited with code ${exitCode}${last ? `: ${last}` : ""}`);
}
