import { pipIndexArgs } from "../pip-args.js";
import { parseProcfile } from "../procfile.js";
import { requirementNames } from "../requirements.js";
import type { Detection, Detector } from "../types.js";
import { findWsgiEntry } from "../wsgi.js";

const VENV = "/app/.venv";

export const PYTHON_ENV: Record<string, string> = {
  PATH: `${VENV}/bin:/usr/local/bin:/usr/bin:/bin`,
  PYTHONUNBUFFERED: "1",
  // The router is the only client that reaches an instance; gunicorn trusts its X-Forwarded-*.
  FORWARDED_ALLOW_IPS: "*",
};

/**
 * Procfile commands are the user's own shell lines; Heroku runs them through a shell too. bash, not
 * dash: bash execs the last command of `-c` (`cd x && gunicorn ...` included), so SIGTERM on
 * stop reaches the app itself and it can drain; dash stays as the parent and dies at once.
 */
export const PROCFILE_SHELL = ["/bin/bash", "-c"];

function procfileProcesses(text: string | undefined): { ok: true; types: Record<string, string[]> } | { ok: false; error: string } {
  if (text === undefined) return { ok: false, error: "Procfile is too big to read: keep it under 256 KB" };
  const parsed = parseProcfile(text);
  if (!parsed.ok) return parsed;
  const types: Record<string, string[]> = {};
  for (const [name, command] of Object.entries(parsed.processes)) types[name] = [...PROCFILE_SHELL, command];
  return { ok: true, types };
}

/** Python with requirements.txt at the root: a virtualenv in /app/.venv, pip install, gunicorn. */
export const pythonDetector: Detector = {
  name: "python",
  detect(src, { pip }): Detection {
    if (!src.paths.includes("requirements.txt")) return { status: "skip" };

    let processTypes: Record<string, string[]> = {};
    if (src.paths.includes("Procfile")) {
      const procs = procfileProcesses(src.read("Procfile"));
      if (!procs.ok) return { status: "error", error: procs.error };
      processTypes = procs.types;
    }

    let addGunicorn = false;
    if (!processTypes.web) {
      const entry = findWsgiEntry(src);
      if (!entry) {
        return {
          status: "error",
          error: "No web process: add a Procfile with `web: ...` or define `app` in app.py/wsgi.py",
        };
      }
      processTypes = { web: [`${VENV}/bin/gunicorn`, `${entry.module}:${entry.callable}`], ...processTypes };
      addGunicorn = !requirementNames(src.read("requirements.txt") ?? "").includes("gunicorn");
    }

    return {
      status: "pass",
      plan: {
        kind: "python",
        steps: [
          { name: "Creating virtual environment", argv: ["python3", "-m", "venv", VENV] },
          {
            name: addGunicorn ? "Installing requirements.txt and gunicorn with pip" : "Installing requirements.txt with pip",
            argv: [
              `${VENV}/bin/pip`, "install", "--disable-pip-version-check", "--no-input",
              ...pipIndexArgs(pip),
              "-r", "requirements.txt",
              ...(addGunicorn ? ["gunicorn"] : []),
            ],
            // /cache is a mount, so the cache survives the build without landing in the image.
            env: { PIP_CACHE_DIR: "/cache/pip" },
          },
        ],
        processTypes,
        env: { ...PYTHON_ENV },
      },
    };
  },
};
