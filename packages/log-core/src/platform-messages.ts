/**
 * Platform lines about an instance's end, Heroku style: `Process exited with status 137`, and
 * for the kernel's OOM kill the R15 error that tells the user why.
 */
export function processExitMessages(state: { exitCode: number; oomKilled: boolean }): string[] {
  const lines: string[] = [];
  if (state.oomKilled) lines.push("Error R15 (Memory quota vastly exceeded): the process was killed for using more memory than its limit");
  lines.push(`Process exited with status ${state.exitCode}`);
  return lines;
}
