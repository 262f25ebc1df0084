import type { Deps } from "@pier/use-cases";
import { listenBesideApi } from "../listen-beside-api.js";
import { loadOrCreateHostKey } from "./host-key.js";
import { createSshServer } from "./server.js";

/**
 * Starts the git-over-SSH endpoint on PIER_SSH_PORT; returns a function that closes it. A port
 * that is taken is logged, not fatal: the API and git over HTTPS keep working without it.
 */
export async function startSshEndpoint(deps: Deps, log: (line: string) => void): Promise<() => Promise<void>> {
  const server = createSshServer(await loadOrCreateHostKey(deps.config.dataDir), deps, log);
  return listenBesideApi(server, { what: "git over SSH", port: deps.config.sshPort, host: deps.config.apiHost, portVariable: "PIER_SSH_PORT", log });
}
