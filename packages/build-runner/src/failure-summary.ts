// pip reports these at ERROR level before the line that says what actually failed.
const NOISE = [/^ERROR: Ignored the following versions/];

const ERROR_LINE = /^\s*(ERROR|Error|error)\b/;
const MAX = 300;

/**
 * The line of a failed step's output that best says why: the first error line that is not
 * known noise, else the last non-blank line.
 */
export function summarizeFailure(lines: readonly string[]): string {
  const meaningful = lines.map((l) => l.trim()).filter((l) => l !== "");
  const error = meaningful.find((l) => ERROR_LINE.test(l) && !NOISE.some((n) => n.test(l)));
  const line = error ?? meaningful.at(-1) ?? "";
  return line.length > MAX ? `${line.slice(0, MAX - 3)}...` : line;
}

/** BuildError message for a step that exited non-zero. */
export function stepFailureMessage(step: string, exitCode: number, lines: readonly string[], memoryBytes: number): string {
  const why = summarizeFailure(lines);
  // 137 = SIGKILL; in a memory-limited builder that is almost always the OOM killer.
  const oom = exitCode === 137 ? ` (killed: the builder's ${Math.round(memoryBytes / 1024 ** 2)} MB memory limit was probably reached)` : "";
  return `${step} failed with exit code ${exitCode}${oom}${why ? `: ${why}` : ""}`;
}
