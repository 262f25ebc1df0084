export type ProcfileResult =
  | { ok: true; processes: Record<string, string> }
  | { ok: false; error: string };

const LINE = /^([A-Za-z0-9_-]+)[ \t]*:[ \t]*(.*)$/;

/**
 * Parses a Procfile: `name: command` per line; blank lines and `#` comments are ignored.
 * Errors name the line so the user can fix it.
 */
export function parseProcfile(text: string): ProcfileResult {
  const processes: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === "" || line.startsWith("#")) continue;
    const where = `Procfile line ${i + 1}`;
    const m = LINE.exec(line);
    if (!m) {
      return {
        ok: false,
        error: `${where}: expected "name: command" with a name of letters, digits, "_" or "-", got "${line}"`,
      };
    }
    const [, name, command] = m as unknown as [string, string, string];
    if (command.trim() === "") return { ok: false, error: `${where}: process type "${name}" has no command` };
    if (Object.hasOwn(processes, name)) {
      return { ok: false, error: `${where}: process type "${name}" is declared twice` };
    }
    processes[name] = command.trim();
  }
  return { ok: true, processes };
}
