import { cp, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CLI, ROOT, type RunningPier } from "./pier.js";
import { run, runOk, type RunResult } from "./run.js";

export interface FixtureRepo {
  dir: string;
  app: string;
  host: string;
  /** Commits everything and runs `git push pier main`. */
  push(message?: string): Promise<RunResult>;
}

/** A git repository holding a copy of e2e/fixtures/<fixture>, with a Pier app created for it. */
export async function fixtureRepo(pier: RunningPier, fixture: string, app: string): Promise<FixtureRepo> {
  const dir = await mkdtemp(join(tmpdir(), `pier-e2e-${fixture}-`));
  await cp(join(ROOT, "e2e/fixtures", fixture), dir, { recursive: true });
  const git = (...args: string[]) => runOk(["git", ...args], { cwd: dir, env: pier.env });
  await git("init", "-q", "-b", "main");
  await runOk([process.execPath, CLI, "apps:create", app], { cwd: dir, env: pier.env });
  return {
    dir,
    app,
    host: `${app}.localhost`,
    async push(message = "deploy") {
      await git("add", "-A");
      await git("-c", "user.name=E2E", "-c", "user.email=e2e@example.com", "commit", "-q", "--allow-empty", "-m", message);
      return run(["git", "push", "pier", "main"], { cwd: dir, env: pier.env });
    },
  };
}
