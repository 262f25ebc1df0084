/**
 * Platform lines about an instance's end, Heroku style: `Process exited with status 137`, and
 * for the kernel's OOM kill the R15 error that tells the user why.
 */
export function processExitMessages(state: { exitCode: number; oomKilled: boolean }): string[] {
  const lines: string[] = [];
  // Docker's OOMKilled stays set once any process of the container was killed for memory (a
  // child, reported when it happened): the exit is the kernel's kill only if it was a SIGKILL.
  if (state.oomKilled && state.exitCode === 137) lines.push("Error R15 (Memory quota vastly exceeded): the process was killed for using more memory than its limit");
  lines.push(`Process exited with status ${state.exitCode}`);
  return lines;
}

export const CRASH_LOOP_EXITS = 3;
export const CRASH_LOOP_WINDOW_MS = 10 * 60_000;

/**
 * Given the times an instance exited (oldest first, the latest last), the line saying it is in
 * a crash loop: sent when the latest exit makes CRASH_LOOP_EXITS within the window, and again
 * for each further exit while the loop lasts.
 */
export function crashLoopMessage(exits: number[]): string | undefined {
  const latest = exits[exits.length - 1];
  if (latest === undefined) return undefined;
  const recent = exits.filter((t) => latest - t < CRASH_LOOP_WINDOW_MS).length;
  if (recent < CRASH_LOOP_EXITS) return undefined;
  return `Crash loop: exited ${recent} times in the last ${CRASH_LOOP_WINDOW_MS / 60_000} minutes; check the lines above for the cause`;
}
