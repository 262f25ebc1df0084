import { parseProcfile } from "./procfile.js";
import type { SourceFiles } from "./types.js";

/**
 * Procfile commands are the user's own shell lines; Heroku runs them through a shell too. bash, not
 * dash: bash execs the last command of `-c` (`cd x && gunicorn ...` included), so SIGTERM on
 * stop reaches the app itself and it can drain; dash stays as the parent and dies at once.
 */
export const PROCFILE_SHELL = ["/bin/bash", "-c"];

export type ProcfileProcesses =
  | { ok: true; types: Record<string, string[]>; release?: string[] }
  | { ok: false; error: string };

/** The Procfile's process types as argv, with `release:` set apart (it runs once per release). */
export function procfileProcesses(src: SourceFiles): ProcfileProcesses {
  if (!src.paths.includes("Procfile")) return { ok: true, types: {} };
  const text = src.read("Procfile");
  if (text === undefined) return { ok: false, error: "Procfile is too big to read: keep it under 256 KB" };
  const parsed = parseProcfile(text);
  if (!parsed.ok) return parsed;
  const types: Record<string, string[]> = {};
  let release: string[] | undefined;
  for (const [name, command] of Object.entries(parsed.processes)) {
    if (name === "release") release = [...PROCFILE_SHELL, command];
    else types[name] = [...PROCFILE_SHELL, command];
  }
  return { ok: true, types, ...(release ? { release } : {}) };
}
