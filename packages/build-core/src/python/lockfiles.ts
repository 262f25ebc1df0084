/**
 * Readers of Python lock files that turn them into pinned requirement lines, so pip can install
 * them: neither uv, poetry nor pipenv has to be on the stack (or in the operator's index).
 */

export type Parsed = { ok: true; requirements: string[] } | { ok: false; error: string };

interface TomlPackage {
  fields: Map<string, string>;
}

/** The `[[package]]` tables of a lock file, with their top-level `key = "string"` / inline-table fields. */
function tomlPackages(text: string): TomlPackage[] {
  const packages: TomlPackage[] = [];
  let current: TomlPackage | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith("[")) {
      current = line === "[[package]]" ? { fields: new Map() } : undefined;
      if (current) packages.push(current);
      continue;
    }
    const m = current && /^([A-Za-z0-9_-]+)\s*=\s*(.*)$/.exec(line);
    if (current && m) current.fields.set(m[1]!, m[2]!);
  }
  return packages;
}

const unquote = (value: string | undefined) => /^"([^"]*)"/.exec(value ?? "")?.[1];

function pinned(packages: TomlPackage[], skip: (p: TomlPackage) => boolean, file: string): Parsed {
  const requirements: string[] = [];
  for (const p of packages) {
    if (skip(p)) continue;
    const name = unquote(p.fields.get("name"));
    const version = unquote(p.fields.get("version"));
    if (!name || !version) return { ok: false, error: `${file} has a [[package]] without a name and version: regenerate it` };
    requirements.push(`${name}==${version}`);
  }
  return { ok: true, requirements };
}

/** uv.lock: every locked package but the project itself (an editable, virtual or directory source). */
export function uvLockRequirements(text: string): Parsed {
  return pinned(tomlPackages(text), (p) => /\b(editable|virtual|directory)\s*=/.test(p.fields.get("source") ?? ""), "uv.lock");
}

/** poetry.lock: every locked package but those of the old `dev` category. */
export function poetryLockRequirements(text: string): Parsed {
  return pinned(tomlPackages(text), (p) => unquote(p.fields.get("category")) === "dev", "poetry.lock");
}

/** Pipfile.lock (JSON): the `default` section, with each package's environment markers. */
export function pipfileLockRequirements(text: string): Parsed {
  let lock: { default?: Record<string, { version?: string; markers?: string }> };
  try {
    lock = JSON.parse(text) as typeof lock;
  } catch (err) {
    return { ok: false, error: `Pipfile.lock is not valid JSON (${(err as Error).message}): run \`pipenv lock\` and commit it` };
  }
  const requirements: string[] = [];
  for (const [name, entry] of Object.entries(lock.default ?? {})) {
    if (!entry.version) return { ok: false, error: `Pipfile.lock pins no version for ${name}: install from an index, or run \`pipenv lock\`` };
    requirements.push(`${name}${entry.version}${entry.markers ? ` ; ${entry.markers}` : ""}`);
  }
  return { ok: true, requirements };
}

/** Python version Pipfile.lock asks for (`_meta.requires.python_version`), if any. */
export function pipfileLockPythonVersion(text: string): string | undefined {
  try {
    const lock = JSON.parse(text) as { _meta?: { requires?: { python_version?: string } } };
    return lock._meta?.requires?.python_version;
  } catch {
    return undefined; // reported by pipfileLockRequirements
  }
}

/** PEP 621: the strings of `dependencies = [...]` in the `[project]` table of pyproject.toml. */
export function pyprojectRequirements(text: string): Parsed {
  const lines = text.split(/\r?\n/);
  let table = "";
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line.startsWith("[")) {
      table = line;
      continue;
    }
    if (table !== "[project]" || !/^dependencies\s*=/.test(line)) continue;
    let array = line.slice(line.indexOf("=") + 1);
    while (!/\]\s*(#.*)?$/.test(array.trim()) && i + 1 < lines.length) array += `\n${lines[++i]!}`;
    const requirements = [...array.replace(/#[^\n"']*$/gm, "").matchAll(/"([^"]*)"|'([^']*)'/g)].map((m) => m[1] ?? m[2]!);
    return { ok: true, requirements };
  }
  return { ok: true, requirements: [] };
}
