import type { BuildStep } from "../types.js";

export type NodePackageManager = "npm" | "yarn" | "pnpm";

const LOCKFILES: [string, NodePackageManager][] = [
  ["package-lock.json", "npm"],
  ["npm-shrinkwrap.json", "npm"],
  ["yarn.lock", "yarn"],
  ["pnpm-lock.yaml", "pnpm"],
];


export type ManagerChoice = { ok: true; manager: NodePackageManager; lockfile?: string } | { ok: false; error: string };

/** Pure: npm, yarn or pnpm by the one lockfile present (npm without any). */
export function chooseNodeManager(paths: readonly string[]): ManagerChoice {
  const found = LOCKFILES.filter(([f]) => paths.includes(f));
  if (found.length > 1) {
    return { ok: false, error: `Found ${found.length} lockfiles (${found.map(([f]) => f).join(", ")}): keep the one of the package manager you use and delete the others` };
  }
  const [lockfile, manager] = found[0] ?? [undefined, "npm" as const];
  return { ok: true, manager, ...(lockfile ? { lockfile } : {}) };
}

const PNPM_INSTALL = ["pnpm", "install", "--frozen-lockfile", "--store-dir", "/cache/pnpm", "--package-import-method", "copy"];

/** The command line that runs a package.json script with the app's package manager. */
export function runScript(manager: NodePackageManager, script: string): string[] {
  return [manager, "run", script];
}

/** Installs dependencies (all of them when `withDev`, for a build script that needs them). */
export function installStep(manager: NodePackageManager, locked: boolean, withDev: boolean): BuildStep {
  switch (manager) {
    case "npm":
      return {
        name: `Installing dependencies with npm ${locked ? "ci" : "install"}`,
        argv: ["npm", locked ? "ci" : "install", "--no-audit", "--no-fund", withDev ? "--include=dev" : "--omit=dev"],
      };
    case "yarn":
      return {
        name: "Installing dependencies with yarn",
        argv: ["yarn", "install", "--frozen-lockfile", "--non-interactive", `--production=${withDev ? "false" : "true"}`],
      };
    case "pnpm":
      return {
        name: "Installing dependencies with pnpm",
        // The stack sets NODE_ENV=production, which alone makes pnpm skip dev dependencies.
        argv: [...PNPM_INSTALL, withDev ? "--production=false" : "--prod"],
      };
  }
}

/** Removes dev dependencies after the build script ran. */
export function pruneStep(manager: NodePackageManager): BuildStep {
  const argv: Record<NodePackageManager, string[]> = {
    npm: ["npm", "prune", "--omit=dev", "--no-audit", "--no-fund"],
    yarn: ["yarn", "install", "--frozen-lockfile", "--non-interactive", "--production=true", "--ignore-scripts", "--prefer-offline"],
    // `pnpm prune --prod` leaves dev dependencies in place (pnpm 8): a production install does not.
    pnpm: [...PNPM_INSTALL, "--prod", "--offline"],
  };
  return { name: "Pruning dev dependencies", argv: argv[manager] };
}
