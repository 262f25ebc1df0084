import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPier, viaRouter, type RunningPier } from "./support/pier.js";
import { fixtureRepo, type FixtureRepo } from "./support/push-app.js";

/** The Procfile `release:` command runs once per release, before it goes live. */
describe("release phase", () => {
  let pier: RunningPier;
  let repo: FixtureRepo;
  const setVersion = async (v: string) => {
    const file = join(repo.dir, "app.py");
    await writeFile(file, (await readFile(file, "utf8")).replace(/Pier v\d+/, `Pier ${v}`));
  };

  beforeAll(async () => {
    pier = await startPier("release-phase");
    repo = await fixtureRepo(pier, "flask-hello", `rel-${process.pid}`);
  });
  afterAll(async () => {
    await pier?.stop();
  });

  it("runs the release command with the app's config, then deploys", async () => {
    await writeFile(join(repo.dir, "Procfile"), "web: gunicorn app:app\nrelease: echo \"release phase for $DYNO\" && python -c 'import app'\n");
    await writeFile(join(repo.dir, "requirements.txt"), "flask\ngunicorn\n");
    const push = await repo.push("v1");
    expect(push.code, push.stderr).toBe(0);
    expect(push.stderr).toMatch(/remote: -----> Running release command for v1: echo/);
    expect(push.stderr).toMatch(/remote: +release phase for release.1/);
    expect(await viaRouter(pier, repo.host)).toEqual({ status: 200, body: "Hello from Pier v1" });
  });

  it("a failing release command rejects the push with its reason and keeps the old release serving", async () => {
    await setVersion("v2");
    await writeFile(join(repo.dir, "Procfile"), "web: gunicorn app:app\nrelease: echo 'database is locked' >&2; exit 3\n");
    const push = await repo.push("v2");
    expect(push.code).not.toBe(0);
    expect(push.stderr).toMatch(/Release v2 failed: Release command `echo 'database is locked' >&2; exit 3` exited with code 3: database is locked/);
    expect(push.stderr).toMatch(/The previous release is still serving/);
    expect(await viaRouter(pier, repo.host)).toEqual({ status: 200, body: "Hello from Pier v1" });
    const releases = await fetch(`${pier.apiUrl}/apps/${repo.app}/releases`, { headers: { Authorization: `Bearer ${pier.token}` } });
    if (releases.ok) {
      const list = (await releases.json()) as { version: number; status: string }[];
      expect(list.find((r) => r.version === 2)?.status).toBe("failed");
    }
  });
});
