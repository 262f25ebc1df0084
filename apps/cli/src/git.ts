import { execFile } from "node:child_process";
import { promisify } from "node:util";

const exec = promisify(execFile);

export async function git(args: string[]): Promise<string> {
  const { stdout } = await exec("git", args);
  return stdout.trim();
}

export async function insideGitRepo(): Promise<boolean> {
  try {
    return (await git(["rev-parse", "--is-inside-work-tree"])) === "true";
  } catch {
    return false;
  }
}

/** The app a git remote URL points at: `.../<app>.git`. */
export function appFromGitUrl(url: string): string | undefined {
  return /\/([a-z][a-z0-9-]*)\.git\/?$/.exec(url)?.[1];
}

export async function remoteUrl(name: string): Promise<string | undefined> {
  try {
    return (await git(["config", "--get", `remote.${name}.url`])) || undefined;
  } catch {
    return undefined;
  }
}
