import type { Deps } from "@pier/use-cases";
import { loadOrCreateHostKey } from "./host-key.js";
import { createSshServer } from "./server.js";

/**
 * Starts the git-over-SSH endpoint on PIER_SSH_PORT; returns a function that closes it. A port
 * that is taken is logged, not fatal: the API and git over HTTPS keep working without it.
 */
export async function startSshEndpoint(deps: Deps, log: (line: string) => void): Promise<() => Promise<void>> {
  const server = createSshServer(await loadOrCreateHostKey(deps.config.dataDir), deps, log);
  const listening = await new Promise<boolean>((resolve) => {
    server.once("error", (err: NodeJS.ErrnoException) => {
      log(`git over SSH is OFF: cannot listen on port ${deps.config.sshPort} (${err.code ?? err.message}); set PIER_SSH_PORT to a free port and restart`);
      resolve(false);
    });
    server.listen(deps.config.sshPort, deps.config.apiHost, () => resolve(true));
  });
  if (!listening) return async () => {};
  log(`git over SSH on port ${deps.config.sshPort}`);
  return () => new Promise((resolve) => server.close(() => resolve()));
}
