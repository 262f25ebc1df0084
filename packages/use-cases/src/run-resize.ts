import { dockerStatus } from "@pier/docker";
import { findAccessibleApp } from "./app-access.js";
import type { Actor, EngineDeps } from "./deps.js";
import { engineFor } from "./engines.js";
import { UseCaseError } from "./errors.js";
import { findOneOff } from "./run-attach.js";
import { checkTerminalSize, type TerminalSize } from "./terminal-size.js";

/**
 * `pier run` from a terminal that changed size (SIGWINCH): the one-off's terminal follows, and
 * its foreground process gets SIGWINCH in turn. A running one-off without a terminal is left as
 * it is (Docker accepts the call and changes nothing).
 */
export async function resizeOneOff(params: { app: string; dyno: string } & TerminalSize, actor: Actor, deps: EngineDeps): Promise<void> {
  checkTerminalSize(params);
  const app = await findAccessibleApp(params.app, actor, deps);
  const row = await findOneOff(app.id, params.dyno, deps);
  if (row.state !== "up" || !row.containerId) throw new UseCaseError("conflict", `${params.dyno} is not running.`);
  try {
    await engineFor(row.host, deps).getContainer(row.containerId).resize({ h: params.lines, w: params.columns });
  } catch (err) {
    const status = dockerStatus(err);
    // 409: it has exited (and is not yet removed); 404: it is gone.
    if (status === 409 || status === 404) throw new UseCaseError("conflict", `${params.dyno} is not running.`);
    throw err;
  }
}
