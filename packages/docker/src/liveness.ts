import type Docker from "dockerode";
import { containerLogsTail } from "./logs.js";

const LOG_LINES = 20;

/** One line saying how a container ended, from its inspect State. */
export function describeExit(state: { Status: string; ExitCode: number; OOMKilled: boolean; Error?: string }): string {
  const parts = [`container ${state.Status} with exit code ${state.ExitCode}`];
  if (state.OOMKilled) parts.push("(killed: out of memory)");
  if (state.Error) parts.push(`(${state.Error})`);
  return parts.join(" ");
}

/**
 * `isAlive` / `whyDead` for waitForHttp, backed by the container's inspect State and logs:
 * a container that exited stops the wait with its exit code and last log lines.
 */
export function containerLiveness(docker: Docker, id: string): { isAlive: () => Promise<boolean>; whyDead: () => Promise<string> } {
  const container = docker.getContainer(id);
  return {
    isAlive: async () => {
      const { State } = await container.inspect();
      return State.Running || State.Restarting;
    },
    whyDead: async () => {
      const { State } = await container.inspect();
      const logs = (await containerLogsTail(docker, id, LOG_LINES)).trimEnd();
      return logs ? `${describeExit(State)}; last log lines:\n${logs}` : `${describeExit(State)}; it wrote no logs`;
    },
  };
}
