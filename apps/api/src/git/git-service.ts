import { spawn, type ChildProcess } from "node:child_process";
import { access, mkdir } from "node:fs/promises";
import { dirname } from "node:path";

/** The two smart-protocol services Pier serves: push (receive) and clone/fetch (upload). */
export type GitService = "git-receive-pack" | "git-upload-pack";

export const isGitService = (s: unknown): s is GitService => s === "git-receive-pack" || s === "git-upload-pack";

/** Creates the app's bare repository on first use. */
export async function ensureBareRepo(path: string): Promise<void> {
  try {
    await access(`${path}/HEAD`);
    return;
  } catch {
    // Absent: create it below.
  }
  await mkdir(dirname(path), { recursive: true });
  await run(["git", "init", "--quiet", "--bare", "--initial-branch=main", path]);
  await run(["git", "-C", path, "config", "receive.denyDeletes", "true"]);
}

/** Spawns `git <service> --stateless-rpc`, the program behind git's smart HTTP protocol. */
export function spawnGitService(
  service: GitService,
  repoPath: string,
  opts: { advertiseRefs?: boolean; hooksPath?: string; env?: Record<string, string> },
): ChildProcess {
  const argv = [
    ...(opts.hooksPath ? ["-c", `core.hooksPath=${opts.hooksPath}`] : []),
    service.slice("git-".length),
    "--stateless-rpc",
    ...(opts.advertiseRefs ? ["--advertise-refs"] : []),
    repoPath,
  ];
  return spawn("git", argv, { env: { ...process.env, ...opts.env }, stdio: ["pipe", "pipe", "pipe"] });
}

/** pkt-line framing, as the smart HTTP protocol's first response line needs. */
export function pktLine(text: string): string {
  return (text.length + 4).toString(16).padStart(4, "0") + text;
}

function run(argv: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    child.stderr.on("data", (d) => (err += d));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`${argv.slice(0, 3).join(" ")} failed: ${err.trim()}`))));
  });
}
