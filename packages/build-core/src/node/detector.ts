import { procfileProcesses, PROCFILE_SHELL } from "../procfile-processes.js";
import type { Detection, Detector } from "../types.js";
import { chooseNodeManager, installStep, pruneStep, runScript } from "./package-manager.js";
import { checkNodeEngine } from "./engines.js";

/** The host CA bundle's path in builders (mounted by the runner): npm's registry TLS goes through it. */
export const BUILDER_CA_BUNDLE = "/etc/pier/ca-bundle.crt";

const CACHE_ENV = {
  npm_config_cache: "/cache/npm",
  YARN_CACHE_FOLDER: "/cache/yarn",
  npm_config_cafile: BUILDER_CA_BUNDLE,
  NODE_EXTRA_CA_CERTS: BUILDER_CA_BUNDLE,
  npm_config_update_notifier: "false",
};

interface PackageJson {
  scripts?: Record<string, string>;
  engines?: { node?: string };
}

/** Node.js: package.json; npm/yarn/pnpm by lockfile; build script; dev dependencies pruned. */
export const nodeDetector: Detector = {
  name: "node",
  detect(src): Detection {
    if (!src.paths.includes("package.json")) return { status: "skip" };
    let pkg: PackageJson;
    try {
      pkg = JSON.parse(src.read("package.json") ?? "") as PackageJson;
    } catch (err) {
      return { status: "error", error: `package.json is not valid JSON (${(err as Error).message}): fix it and push again` };
    }
    const engine = checkNodeEngine(pkg.engines?.node);
    if (!engine.ok) return { status: "error", error: engine.error };
    const choice = chooseNodeManager(src.paths);
    if (!choice.ok) return { status: "error", error: choice.error };
    const { manager, lockfile } = choice;

    const procs = procfileProcesses(src);
    if (!procs.ok) return { status: "error", error: procs.error };
    const processTypes = { ...procs.types };
    if (!processTypes.web) {
      // `npm start`'s script, run through bash directly so SIGTERM reaches the app itself.
      if (pkg.scripts?.start) processTypes.web = [...PROCFILE_SHELL, pkg.scripts.start];
      else if (src.paths.includes("server.js")) processTypes.web = ["node", "server.js"];
      else return { status: "error", error: 'No web process: add a "start" script to package.json, a server.js, or a Procfile with `web: ...`' };
    }

    const build = pkg.scripts?.["heroku-postbuild"] ? "heroku-postbuild" : pkg.scripts?.build ? "build" : undefined;
    const depFiles = ["package.json", ...(lockfile ? [lockfile] : []), ...[".npmrc", ".yarnrc"].filter((f) => src.paths.includes(f))];
    const steps = build
      ? [{ name: `Running ${build} script`, argv: runScript(manager, build), env: CACHE_ENV }, { ...pruneStep(manager), env: CACHE_ENV }]
      : [];
    return {
      status: "pass",
      plan: {
        kind: "node",
        title: "Node.js",
        detail: `18, ${manager}`,
        stack: "node-18",
        dependencyFiles: depFiles,
        generatedFiles: {},
        // With no build script, dev dependencies are never installed: nothing to prune later.
        dependencySteps: [{ ...installStep(manager, lockfile !== undefined, build !== undefined), env: CACHE_ENV }],
        steps,
        processTypes,
        ...(procs.release ? { release: procs.release } : {}),
        env: { NODE_ENV: "production", PATH: "/app/node_modules/.bin:/usr/local/bin:/usr/bin:/bin" },
      },
    };
  },
};
