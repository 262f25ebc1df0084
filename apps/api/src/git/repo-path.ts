import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** Where an app's bare repository lives under PIER_DATA_DIR. */
export const repoPathFor = (dataDir: string, appId: string) => join(dataDir, "repos", `${appId}.git`);

/** git-hooks/ at the package root: its pre-receive builds the pushed commit while the client waits. */
export const HOOKS_PATH = fileURLToPath(new URL("../../git-hooks", import.meta.url));
