import type { Phase } from "@pier/build-runner";

/**
 * Splits a deploy into start / health / routes by the time its progress lines arrived
 * (deployRelease says "Starting web.1", "web.1 is up", "Routing to release vN").
 */
export function deployPhases(startedAt: number, lines: readonly { at: number; line: string }[]): Phase[] {
  const lastAt = (re: RegExp) => lines.filter((l) => re.test(l.line)).at(-1)?.at;
  const marks: [string, number | undefined][] = [
    ["start", lastAt(/^Starting /)],
    ["health", lastAt(/ is up$/)],
    ["routes", lastAt(/^Routing to /)],
  ];
  const phases: Phase[] = [];
  let from = startedAt;
  for (const [name, at] of marks) {
    if (at === undefined) continue;
    phases.push({ name, ms: at - from });
    from = at;
  }
  return phases;
}
