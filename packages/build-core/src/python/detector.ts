import { pipIndexArgs } from "../pip-args.js";
import { procfileProcesses } from "../procfile-processes.js";
import type { BuildStep, Detection, Detector } from "../types.js";
import { PYTHON_MARKERS, pythonDependencies } from "./manager.js";
import { choosePythonVersion } from "./version.js";
import { findWebEntry, type WebEntry } from "./web.js";

const VENV = "/app/.venv";
/** Pier's own Python helpers (the static-files wrapper), put into every image by the runner. */
export const PIER_PYTHON_PATH = "/opt/pier/python";
/** Sets WEB_CONCURRENCY from the instance's memory limit, then execs the process (runner's support files). */
export const PIER_EXEC = "/opt/pier/bin/pier-exec";

const withPierExec = (types: Record<string, string[]>) =>
  Object.fromEntries(Object.entries(types).map(([name, argv]) => [name, [PIER_EXEC, ...argv]]));

export const PYTHON_ENV: Record<string, string> = {
  PATH: `${VENV}/bin:/usr/local/bin:/usr/bin:/bin`,
  PYTHONUNBUFFERED: "1",
  // The router is the only client that reaches an instance; gunicorn trusts its X-Forwarded-*.
  FORWARDED_ALLOW_IPS: "*",
};

const PIP_CACHE = { PIP_CACHE_DIR: "/cache/pip" };

function webProcess(entry: WebEntry): { argv: string[]; env: Record<string, string>; needs: string[] } {
  const gunicorn = `${VENV}/bin/gunicorn`;
  switch (entry.server) {
    case "wsgi":
      return { argv: [gunicorn, entry.target], env: {}, needs: ["gunicorn"] };
    case "asgi":
      return { argv: [gunicorn, "-k", "uvicorn.workers.UvicornWorker", entry.target], env: {}, needs: ["gunicorn", "uvicorn"] };
    case "django":
      // Static files are served by Pier's WSGI wrapper around the project's application
      // (whitenoise-like: types, gzip, cache headers), so no extra package or setting is needed.
      return {
        argv: [gunicorn, "--pythonpath", PIER_PYTHON_PATH, "pier_static:application"],
        env: { PIER_WSGI_APP: entry.target },
        needs: ["gunicorn"],
      };
  }
}

/**
 * Python: one package manager's files, a venv in /app/.venv made in the dependency layer, a web
 * process from the Procfile or from the app's framework (Django, ASGI, WSGI).
 */
export const pythonDetector: Detector = {
  name: "python",
  detect(src, { pip, config, pythonVersions }): Detection {
    if (!PYTHON_MARKERS.some((m) => src.paths.includes(m))) return { status: "skip" };
    const deps = pythonDependencies(src);
    if (!deps.ok) return { status: "error", error: deps.error };
    const version = choosePythonVersion(src, pythonVersions);
    if (!version.ok) return { status: "error", error: version.error };

    const procs = procfileProcesses(src);
    if (!procs.ok) return { status: "error", error: procs.error };
    const processTypes = { ...procs.types };
    const env = { ...PYTHON_ENV };
    const extra: string[] = [];
    const entry = findWebEntry(src);
    if (entry && "error" in entry && !processTypes.web) return { status: "error", error: entry.error };
    if (!processTypes.web) {
      if (!entry || "error" in entry) {
        return {
          status: "error",
          error: "No web process: add a Procfile with `web: ...`, or define `app` in app.py/wsgi.py (Flask, FastAPI) or add manage.py (Django)",
        };
      }
      const web = webProcess(entry);
      processTypes.web = web.argv;
      Object.assign(env, web.env);
      extra.push(...web.needs.filter((n) => !deps.deps.names.includes(n)));
    }

    const install: BuildStep = {
      name: `Installing ${deps.deps.source}${extra.length ? ` and ${extra.join(", ")}` : ""} with pip`,
      argv: [
        `${VENV}/bin/pip`, "install", "--disable-pip-version-check", "--no-input",
        ...pipIndexArgs(pip),
        "-r", deps.deps.requirementsFile,
        ...extra,
      ],
      // /cache is the app's cache volume: wheels survive the build without landing in the image.
      env: PIP_CACHE,
    };
    const steps: BuildStep[] = [];
    const django = entry !== undefined && !("error" in entry) && entry.server === "django";
    if (django && !config.DISABLE_COLLECTSTATIC) {
      steps.push({ name: "Collecting static files (set DISABLE_COLLECTSTATIC=1 to skip)", argv: [`${VENV}/bin/python`, "manage.py", "collectstatic", "--noinput"] });
    }
    return {
      status: "pass",
      plan: {
        kind: "python",
        title: "Python",
        detail: `${version.version}${django ? ", Django" : ""}`,
        stack: `python-${version.version}`,
        dependencyFiles: deps.deps.files,
        generatedFiles: deps.deps.generated,
        dependencySteps: [{ name: "Creating virtual environment", argv: ["python3", "-m", "venv", VENV] }, install],
        steps,
        processTypes: withPierExec(processTypes),
        ...(procs.release ? { release: procs.release } : {}),
        env,
      },
    };
  },
};
