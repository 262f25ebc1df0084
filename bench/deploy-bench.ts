// The program behind bench/deploy (run there through vite-node, reusing e2e/support's Pier launcher).
import { spawn } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { CLI, ROOT, startPier, viaRouter, type RunningPier } from "../e2e/support/pier.js";
import { runOk } from "../e2e/support/run.js";

const WARM_RUNS = Number(process.env.WARM_RUNS ?? 3);
const TARGET = { cold: 20_000, warm: 3_000 };

interface Deploy {
  totalMs: number;
  /** Client-side: push start -> git starts sending the pack (refs advertised, credential helper asked). */
  authMs: number;
  /** Client-side: pack sent -> the hook's "Building" line (pack received, source archived and uploaded, build recorded). */
  uploadMs: number;
  /** Server-side phases from the build's "Timings" line (queue, detect, install, source, image, start, health, routes). */
  phases: { name: string; ms: number }[];
}

/** Pushes, and polls the router until it answers with `expect`; times both against push start. */
async function deploy(pier: RunningPier, repo: string, host: string, expect: string): Promise<Deploy> {
  const t0 = performance.now();
  let answeredAt: number | undefined;
  let building: number | undefined;
  let output = "";
  const poll = (async () => {
    while (answeredAt === undefined) {
      const res = await viaRouter(pier, host).catch(() => undefined);
      if (res?.status === 200 && res.body === expect) answeredAt = performance.now();
      else await new Promise((r) => setTimeout(r, 20));
    }
  })();
  // git's trace says when it began sending the pack: auth before, upload after.
  const trace = join(repo, "..", `${basename(repo)}.trace`);
  const push = spawn("git", ["push", "-q", "pier", "main"], { cwd: repo, env: { ...pier.env, GIT_TRACE: trace }, stdio: ["ignore", "ignore", "pipe"] });
  push.stderr.on("data", (d: Buffer) => {
    output += d.toString();
    if (building === undefined && output.includes("-----> Building")) building = performance.now();
  });
  const code = await new Promise<number | null>((r) => push.on("close", r));
  if (code !== 0) throw new Error(`git push failed (${code}):\n${output}`);
  const deadline = performance.now() + 30_000;
  while (answeredAt === undefined && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  if (answeredAt === undefined) throw new Error(`the router never answered "${expect}" for ${host}:\n${output}`);
  await poll;
  const sendPackAt = traceTime(await readFile(trace, "utf8"), "git send-pack", t0);
  await rm(trace, { force: true });
  const timings = /-----> Timings: (.*)/.exec(output)?.[1] ?? "";
  const phases = [...timings.matchAll(/([a-z]+) ([\d.]+) s/g)].map((m) => ({ name: m[1]!, ms: Number(m[2]) * 1000 }));
  const receiveMs = (building ?? t0) - t0;
  const authMs = Math.min(sendPackAt ?? 0, receiveMs);
  return { totalMs: answeredAt - t0, authMs, uploadMs: receiveMs - authMs, phases };
}

/** performance.now() of the first GIT_TRACE line running `what` (trace times are wall-clock HH:MM:SS.micro). */
function traceTime(trace: string, what: string, t0: number): number | undefined {
  const m = new RegExp(`^(\\d\\d):(\\d\\d):(\\d\\d\\.\\d+) .*run_command: ${what}`, "m").exec(trace);
  if (!m) return undefined;
  const now = new Date();
  const at = new Date(now);
  at.setHours(Number(m[1]), Number(m[2]), 0, 0);
  const wallMs = at.getTime() + Number(m[3]) * 1000;
  return wallMs - (Date.now() - performance.now()) - t0;
}

/**
 * Waits until the app runs one instance (the previous release's drained and stopped): a push
 * ends as soon as the new release answers, and the next warm deploy is measured from a settled
 * app, as after a developer's edit, not queued behind the last one's drain.
 */
async function settled(app: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const ids = await runOk(["docker", "ps", "-q", "--filter", `label=pier.app=${app}`, "--filter", "label=pier.role=instance"]);
    if (ids.stdout.trim().split("\n").filter(Boolean).length === 1) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${app}'s previous release did not stop within 60 s`);
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function breakdown(d: Deploy): string {
  const server = d.phases.reduce((a, p) => a + p.ms, 0);
  const parts = [["auth", d.authMs], ["upload", d.uploadMs], ...d.phases.map((p) => [p.name, p.ms] as const), ["other", d.totalMs - d.authMs - d.uploadMs - server]] as const;
  return parts.map(([n, ms]) => `${n} ${s(ms)}`).join(", ");
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const pier = await startPier("bench-deploy");
  const repo = await mkdtemp(join(tmpdir(), "pier-bench-deploy-"));
  const app = `bench-${Date.now().toString(36)}`;
  const host = `${app}.localhost`;
  const git = (...args: string[]) => runOk(["git", ...args], { cwd: repo, env: pier.env });
  const commit = async (message: string) => {
    await git("add", "-A");
    await git("-c", "user.name=Bench", "-c", "user.email=bench@example.com", "commit", "-q", "-m", message);
  };
  try {
    await cp(join(ROOT, "e2e/fixtures/flask-hello"), repo, { recursive: true });
    await git("init", "-q", "-b", "main");
    await commit("v1");
    await runOk([process.execPath, CLI, "apps:create", app], { cwd: repo, env: pier.env });

    const cold = await deploy(pier, repo, host, "Hello from Pier v1");
    const warm: Deploy[] = [];
    for (let n = 2; n < 2 + WARM_RUNS; n++) {
      const file = join(repo, "app.py");
      await writeFile(file, (await readFile(file, "utf8")).replace(/Pier v\d+/, `Pier v${n}`));
      await commit(`v${n}`);
      await settled(app);
      warm.push(await deploy(pier, repo, host, `Hello from Pier v${n}`));
    }

    const warmMedian = median(warm.map((w) => w.totalMs));
    const typical = warm.find((w) => w.totalMs === warmMedian)!;
    console.log("bench/deploy: git push of a Flask app (e2e/fixtures/flask-hello) -> new release answering through the router");
    console.log(`cold (new app, empty cache): ${s(cold.totalMs)}  target <= ${s(TARGET.cold)}  ratio ${(cold.totalMs / TARGET.cold).toFixed(2)}`);
    console.log(`  ${breakdown(cold)}`);
    console.log(`warm (one-line change), median of ${warm.length}: ${s(warmMedian)}  target <= ${s(TARGET.warm)}  ratio ${(warmMedian / TARGET.warm).toFixed(2)}`);
    console.log(`  runs: ${warm.map((w) => s(w.totalMs)).join(", ")}`);
    console.log(`  median run: ${breakdown(typical)}`);
    console.log(`warm/cold ratio: ${(warmMedian / cold.totalMs).toFixed(2)}`);
  } finally {
    await pier.stop();
    await rm(repo, { recursive: true, force: true });
  }
}

await main();
