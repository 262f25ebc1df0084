import { describe, expect, it } from "vitest";
import { detectBuild, detectWith, NOTHING_DETECTED } from "./detect.js";
import { sourceFilesFromRecord } from "./source-files.js";
import type { BuildPlan, Detector, PipSettings } from "./types.js";

const pip: PipSettings = { indexUrl: "file:///opt/pypi/simple", extraIndexUrls: [], findLinks: [] };
const ENV = { PATH: "/app/.venv/bin:/usr/local/bin:/usr/bin:/bin", PYTHONUNBUFFERED: "1", FORWARDED_ALLOW_IPS: "*" };
const VENV_STEP = { name: "Creating virtual environment", argv: ["python3", "-m", "venv", "/app/.venv"] };
const opts = (pipSettings: PipSettings, config: Record<string, string> = {}) => ({ pip: pipSettings, config, pythonVersions: ["3.11"] });
const PIP = ["/app/.venv/bin/pip", "install", "--disable-pip-version-check", "--no-input"];
const CACHE = { PIP_CACHE_DIR: "/cache/pip" };

const EXEC = "/opt/pier/bin/pier-exec";

/** Every Python process runs through pier-exec (WEB_CONCURRENCY from the memory limit). */
function python(pipStep: { name: string; argv: string[] }, types: Record<string, string[]>, more: Partial<BuildPlan> = {}): BuildPlan {
  const processTypes = Object.fromEntries(Object.entries(types).map(([k, v]) => [k, [EXEC, ...v]]));
  return {
    kind: "python", title: "Python", detail: "3.11", stack: "python-3.11",
    dependencyFiles: ["requirements.txt"], generatedFiles: {},
    dependencySteps: [VENV_STEP, { ...pipStep, env: CACHE }], steps: [], processTypes, env: ENV, ...more,
  };
}

describe("detectBuild", () => {
  const plans: [string, Record<string, string>, PipSettings, BuildPlan][] = [
    [
      "requirements + Procfile: Procfile commands run through a shell, no gunicorn added",
      { "requirements.txt": "flask\n", Procfile: "web: python server.py\nworker: python work.py\n" },
      pip,
      python(
        { name: "Installing requirements.txt with pip", argv: [...PIP, "--index-url", pip.indexUrl, "-r", "requirements.txt"] },
        { web: ["/bin/bash", "-c", "python server.py"], worker: ["/bin/bash", "-c", "python work.py"] },
      ),
    ],
    [
      "app.py with app = Flask(__name__): gunicorn added when not required",
      { "requirements.txt": "flask==3.1.3\n", "app.py": "from flask import Flask\napp = Flask(__name__)\n" },
      pip,
      python(
        {
          name: "Installing requirements.txt and gunicorn with pip",
          argv: [...PIP, "--index-url", pip.indexUrl, "-r", "requirements.txt", "gunicorn"],
        },
        { web: ["/app/.venv/bin/gunicorn", "app:app"] },
      ),
    ],
    [
      "wsgi.py with application, gunicorn already required",
      { "requirements.txt": "Django\nGunicorn==23.0.0\n", "wsgi.py": "application = get_wsgi_application()\n" },
      pip,
      python(
        { name: "Installing requirements.txt with pip", argv: [...PIP, "--index-url", pip.indexUrl, "-r", "requirements.txt"] },
        { web: ["/app/.venv/bin/gunicorn", "wsgi:application"] },
      ),
    ],
    [
      "Procfile without web: web from app.py, other types kept",
      { "requirements.txt": "flask\n", Procfile: "worker: celery -A tasks worker\n", "app.py": "app = Flask(__name__)\n" },
      pip,
      python(
        {
          name: "Installing requirements.txt and gunicorn with pip",
          argv: [...PIP, "--index-url", pip.indexUrl, "-r", "requirements.txt", "gunicorn"],
        },
        { web: ["/app/.venv/bin/gunicorn", "app:app"], worker: ["/bin/bash", "-c", "celery -A tasks worker"] },
      ),
    ],
    [
      "index args: one --extra-index-url and --find-links per entry, in order",
      { "requirements.txt": "flask\n", Procfile: "web: gunicorn app:app\n" },
      { indexUrl: "file:///opt/pypi/simple", extraIndexUrls: ["file:///opt/pypi-more/simple", "https://x.example/simple"], findLinks: ["/opt/wheels", "/w2"] },
      python(
        {
          name: "Installing requirements.txt with pip",
          argv: [
            ...PIP,
            "--index-url", "file:///opt/pypi/simple",
            "--extra-index-url", "file:///opt/pypi-more/simple",
            "--extra-index-url", "https://x.example/simple",
            "--find-links", "/opt/wheels",
            "--find-links", "/w2",
            "-r", "requirements.txt",
          ],
        },
        { web: ["/bin/bash", "-c", "gunicorn app:app"] },
      ),
    ],
  ];
  it.each(plans)("%s", (_n, files, pipSettings, plan) => {
    expect(detectBuild(sourceFilesFromRecord(files), opts(pipSettings))).toEqual({ ok: true, plan });
  });

  const failures: [string, Record<string, string>, string | RegExp][] = [
    ["nothing detected", { "index.js": "", "README.md": "hi" }, NOTHING_DETECTED],
    ["requirements.txt only in a subfolder", { "src/requirements.txt": "flask" }, NOTHING_DETECTED],
    [
      "Procfile without web and no WSGI callable",
      { "requirements.txt": "celery\n", Procfile: "worker: celery -A tasks worker\n" },
      /^No web process: add a Procfile with `web: ...`, or define `app` in app.py/,
    ],
    [
      "no Procfile and app.py without app",
      { "requirements.txt": "flask\n", "app.py": "print('hi')\n" },
      /^No web process/,
    ],
    ["duplicate Procfile names", { "requirements.txt": "", Procfile: "web: a\nweb: b\n" }, /Procfile line 2: process type "web" is declared twice/],
  ];
  it.each(failures)("%s", (_n, files, error) => {
    const r = detectBuild(sourceFilesFromRecord(files), opts(pip));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(error);
  });

  it("tells the user when the Procfile was too big to read", () => {
    const src = { paths: ["requirements.txt", "Procfile"], read: (p: string) => (p === "requirements.txt" ? "" : undefined) };
    expect(detectBuild(src, opts(pip))).toEqual({ ok: false, error: "Procfile is too big to read: keep it under 256 KB" });
  });
});

describe("detectWith", () => {
  const plan = (kind: string) => ({ kind, steps: [], processTypes: {}, env: {} }) as unknown as BuildPlan;
  const d = (name: string, status: "skip" | "pass" | "error"): Detector => ({
    name,
    detect: () => (status === "pass" ? { status, plan: plan(name) } : status === "error" ? { status, error: name } : { status }),
  });
  const src = sourceFilesFromRecord({});
  const cases: [string, Detector[], unknown][] = [
    ["first pass wins", [d("a", "skip"), d("b", "pass"), d("c", "pass")], { ok: true, plan: plan("b") }],
    ["an error stops detection", [d("a", "error"), d("b", "pass")], { ok: false, error: "a" }],
    ["none applies", [d("a", "skip")], { ok: false, error: NOTHING_DETECTED }],
  ];
  it.each(cases)("%s", (_n, detectors, expected) => expect(detectWith(detectors, src, opts(pip))).toEqual(expected));
});
