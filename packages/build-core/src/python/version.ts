import type { SourceFiles } from "../types.js";
import { pipfileLockPythonVersion } from "./lockfiles.js";

/** The Python versions ("3.11") stack images provide, first = default. Set by the build's caller. */
export type PythonVersions = readonly string[];

export type VersionChoice = { ok: true; version: string; from: string } | { ok: false; error: string };

/** "python-3.11.4", "3.11", "3.11.4\n" -> "3.11"; undefined when it is not a CPython version. */
export function minorVersion(spec: string): string | undefined {
  const m = /^(?:python-?)?(\d+)\.(\d+)(?:\.\d+)?$/i.exec(spec.trim());
  return m ? `${m[1]}.${m[2]}` : undefined;
}

/** Pure: the Python version an app asks for (runtime.txt > .python-version > Pipfile.lock > default). */
export function choosePythonVersion(src: SourceFiles, available: PythonVersions): VersionChoice {
  const firstLine = (p: string) => src.read(p)?.split(/\r?\n/).map((l) => l.trim()).find((l) => l !== "" && !l.startsWith("#"));
  const candidates: [string, string | undefined][] = [
    ["runtime.txt", firstLine("runtime.txt")],
    [".python-version", firstLine(".python-version")],
    ["Pipfile.lock", src.paths.includes("Pipfile.lock") ? pipfileLockPythonVersion(src.read("Pipfile.lock") ?? "") : undefined],
  ];
  const asked = candidates.find(([, v]) => v !== undefined);
  if (!asked) return { ok: true, version: available[0]!, from: "default" };
  const [from, spec] = asked as [string, string];
  const version = minorVersion(spec);
  const offer = `this Pier provides Python ${available.join(", ")}`;
  if (!version) return { ok: false, error: `${from} asks for "${spec}", which is not a Python version like 3.11: ${offer}` };
  if (!available.includes(version)) {
    return { ok: false, error: `${from} asks for Python ${version}, which is not available: ${offer}; change ${from} to one of them` };
  }
  return { ok: true, version, from };
}
