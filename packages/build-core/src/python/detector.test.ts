import { describe, expect, it } from "vitest";
import { detectBuild } from "../detect.js";
import { sourceFilesFromRecord } from "../source-files.js";

const opts = (config: Record<string, string> = {}) => ({
  pip: { indexUrl: "file:///i/simple", extraIndexUrls: [], findLinks: [] }, config, pythonVersions: ["3.11"],
});
const detect = (files: Record<string, string>, config?: Record<string, string>) => detectBuild(sourceFilesFromRecord(files), opts(config));
const FASTAPI = "from fastapi import FastAPI\n\napp = FastAPI()\n";
const MANAGE = 'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n';

describe("python detector: what it plans", () => {
  it.each<[string, Record<string, string>, Record<string, unknown>]>([
    ["FastAPI in main.py runs under gunicorn with uvicorn workers, both added",
      { "requirements.txt": "fastapi\n", "main.py": FASTAPI },
      { web: ["/opt/pier/bin/pier-exec", "/app/.venv/bin/gunicorn", "-k", "uvicorn.workers.UvicornWorker", "main:app"], install: /and gunicorn, uvicorn with pip$/ }],
    ["Django: its wsgi module behind Pier's static wrapper, collectstatic after the source",
      { "requirements.txt": "django\ngunicorn\n", "manage.py": MANAGE, "mysite/wsgi.py": "", "mysite/settings.py": "" },
      { web: ["/opt/pier/bin/pier-exec", "/app/.venv/bin/gunicorn", "--pythonpath", "/opt/pier/python", "pier_static:application"],
        env: { PIER_WSGI_APP: "mysite.wsgi:application" }, steps: ["/app/.venv/bin/python", "manage.py", "collectstatic", "--noinput"] }],
    ["Pipfile.lock: pinned requirements generated, Python version from its _meta",
      { Pipfile: "", "Pipfile.lock": JSON.stringify({ _meta: { requires: { python_version: "3.11" } }, default: { flask: { version: "==3.1.3" }, colorama: { version: "==0.4.6", markers: "sys_platform == 'win32'" } } }), "app.py": "app = Flask(__name__)\n" },
      { generated: "flask==3.1.3\ncolorama==0.4.6 ; sys_platform == 'win32'\n", files: ["Pipfile.lock"] }],
    ["uv.lock: the project itself is left out",
      { "pyproject.toml": "[project]\nname='x'\n", "uv.lock": '[[package]]\nname = "x"\nversion = "0.1.0"\nsource = { virtual = "." }\n\n[[package]]\nname = "flask"\nversion = "3.1.3"\nsource = { registry = "https://pypi.org/simple" }\n', "app.py": "app = Flask(__name__)\n" },
      { generated: "flask==3.1.3\n" }],
    ["poetry.lock: dev category left out",
      { "pyproject.toml": "", "poetry.lock": '[[package]]\nname = "flask"\nversion = "3.1.3"\ncategory = "main"\n\n[[package]]\nname = "pytest"\nversion = "8.0.0"\ncategory = "dev"\n', "app.py": "app = Flask(__name__)\n" },
      { generated: "flask==3.1.3\n" }],
    ["pyproject.toml alone: PEP 621 dependencies",
      { "pyproject.toml": '[project]\nname = "x"\ndependencies = [\n  "flask>=3",  # web\n  \'gunicorn\',\n]\n[tool.x]\ndependencies = ["no"]\n', "app.py": "app = Flask(__name__)\n" },
      { generated: "flask>=3\ngunicorn\n", install: /^Installing pyproject.toml with pip$/ }],
    ["Procfile release line is kept apart from the process types",
      { "requirements.txt": "flask\n", Procfile: "web: gunicorn app:app\nrelease: python migrate.py\n" },
      { web: ["/opt/pier/bin/pier-exec", "/bin/bash", "-c", "gunicorn app:app"], release: ["/bin/bash", "-c", "python migrate.py"], types: ["web"] }],
  ])("%s", (_n, files, want) => {
    const r = detect(files);
    if (!r.ok) throw new Error(r.error);
    const p = r.plan;
    if (want.web) expect(p.processTypes.web).toEqual(want.web);
    if (want.env) expect(p.env).toMatchObject(want.env as object);
    if (want.steps) expect(p.steps.map((s) => s.argv)).toEqual([want.steps]);
    if (want.generated) expect(p.generatedFiles[".pier/requirements.txt"]).toBe(want.generated);
    if (want.files) expect(p.dependencyFiles).toEqual(want.files);
    if (want.install) expect(p.dependencySteps[1]!.name).toMatch(want.install as RegExp);
    if (want.release) expect(p.release).toEqual(want.release);
    if (want.types) expect(Object.keys(p.processTypes)).toEqual(want.types);
  });

  it("skips collectstatic when DISABLE_COLLECTSTATIC is set", () => {
    const r = detect({ "requirements.txt": "django\n", "manage.py": MANAGE, "mysite/wsgi.py": "" }, { DISABLE_COLLECTSTATIC: "1" });
    expect(r.ok && r.plan.steps).toEqual([]);
  });
});

describe("python detector: what it refuses, and says why", () => {
  it.each<[string, Record<string, string>, RegExp]>([
    ["two package managers", { "requirements.txt": "", "Pipfile.lock": "{}" }, /^Found files of 2 Python package managers \(requirements.txt, Pipfile.lock\): keep one/],
    ["Pipfile without a lock", { Pipfile: "" }, /run `pipenv lock` and commit Pipfile.lock/],
    ["unsupported version in runtime.txt", { "requirements.txt": "", "runtime.txt": "python-3.9.1\n" }, /^runtime.txt asks for Python 3.9, which is not available: this Pier provides Python 3.11/],
    ["runtime.txt wins over .python-version", { "requirements.txt": "", "runtime.txt": "3.12", ".python-version": "3.11" }, /^runtime.txt asks for Python 3.12/],
    ["not a version", { "requirements.txt": "", ".python-version": "pypy3.10" }, /^.python-version asks for "pypy3.10", which is not a Python version/],
    ["manage.py without a wsgi module", { "requirements.txt": "", "manage.py": "" }, /^manage.py found but no <project>\/wsgi.py/],
    ["Pipfile.lock that is not JSON", { "Pipfile.lock": "{", "app.py": "app = 1\n" }, /^Pipfile.lock is not valid JSON/],
  ])("%s", (_n, files, error) => {
    const r = detect(files);
    expect(r.ok ? "passed" : r.error).toMatch(error);
  });

  it("accepts the versions the stack provides", () => {
    for (const v of ["3.11", "python-3.11.9", "3.11.2\n"]) expect(detect({ "requirements.txt": "", "runtime.txt": v, "app.py": "app = 1\n" }).ok).toBe(true);
  });
});
