/** PEP 503 normalised project name: case-insensitive, runs of "-", "_", "." are equal. */
export function normalizeProjectName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, "-");
}

/**
 * Project names a requirements.txt lists directly (options like `-r other.txt` and URLs are
 * skipped: they cannot be resolved without pip, and the caller only needs a hint).
 */
export function requirementNames(text: string): string[] {
  const names: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, "").trim();
    if (line === "" || line.startsWith("-")) continue;
    const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(line);
    if (m && !line.includes("://")) names.push(normalizeProjectName(m[1]!));
  }
  return names;
}
