import { requirementNames } from "../requirements.js";
import type { SourceFiles } from "../types.js";
import {
  pipfileLockRequirements, poetryLockRequirements, pyprojectRequirements, uvLockRequirements, type Parsed,
} from "./lockfiles.js";

/** Where a Python app's dependencies come from, as pip will install them. */
export interface PythonDependencies {
  /** e.g. "requirements.txt" or "uv.lock", as announced in the build log. */
  source: string;
  /** Root files the install reads (part of the dependency layer's cache key). */
  files: string[];
  /** Requirements file pip reads, relative to /app. */
  requirementsFile: string;
  /** Generated files (a lock file rewritten as pinned requirements). */
  generated: Record<string, string>;
  /** Normalised names of the packages asked for, to know whether gunicorn/uvicorn must be added. */
  names: string[];
}

export const GENERATED_REQUIREMENTS = ".pier/requirements.txt";

/** Each package manager and the root files that say an app uses it. */
const MANAGERS: { name: string; marker: string[] }[] = [
  { name: "pip", marker: ["requirements.txt"] },
  { name: "pipenv", marker: ["Pipfile", "Pipfile.lock"] },
  { name: "poetry", marker: ["poetry.lock"] },
  { name: "uv", marker: ["uv.lock"] },
];

export const PYTHON_MARKERS = ["requirements.txt", "pyproject.toml", "Pipfile", "Pipfile.lock", "uv.lock", "poetry.lock"];

function fromLock(file: string, text: string | undefined, parse: (t: string) => Parsed) {
  if (text === undefined) return { ok: false as const, error: `${file} is too big to read (over 256 KB)` };
  const parsed = parse(text);
  if (!parsed.ok) return parsed;
  const generated = { [GENERATED_REQUIREMENTS]: `${parsed.requirements.join("\n")}\n` };
  return {
    ok: true as const,
    deps: {
      source: file, files: [file], requirementsFile: GENERATED_REQUIREMENTS, generated,
      names: requirementNames(generated[GENERATED_REQUIREMENTS]),
    },
  };
}

/**
 * Pure: the one package manager an app uses, or why it cannot be told. pyproject.toml alone is
 * PEP 621 (its `dependencies`); beside requirements.txt it is only tool configuration.
 */
export function pythonDependencies(src: SourceFiles): { ok: true; deps: PythonDependencies } | { ok: false; error: string } {
  const has = (p: string) => src.paths.includes(p);
  const found = MANAGERS.filter((m) => m.marker.some(has));
  if (found.length > 1) {
    const files = found.map((m) => m.marker.filter(has).join(" + "));
    return { ok: false, error: `Found files of ${found.length} Python package managers (${files.join(", ")}): keep one and delete the others` };
  }
  switch (found[0]?.name) {
    case "pip": {
      const text = src.read("requirements.txt");
      return {
        ok: true,
        deps: { source: "requirements.txt", files: ["requirements.txt"], requirementsFile: "requirements.txt", generated: {}, names: requirementNames(text ?? "") },
      };
    }
    case "pipenv":
      if (!has("Pipfile.lock")) return { ok: false, error: "Pipfile found without Pipfile.lock: run `pipenv lock` and commit Pipfile.lock" };
      return fromLock("Pipfile.lock", src.read("Pipfile.lock"), pipfileLockRequirements);
    case "poetry":
      return fromLock("poetry.lock", src.read("poetry.lock"), poetryLockRequirements);
    case "uv":
      return fromLock("uv.lock", src.read("uv.lock"), uvLockRequirements);
  }
  return fromLock("pyproject.toml", src.read("pyproject.toml"), pyprojectRequirements);
}
