import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { freePort } from "@pier/acme/testing";
import { dropDatabase } from "@pier/db/testing";
import { claimRedisDb } from "./redis-db.js";
import { installationIdOf, removeInstallationResources } from "./installation-cleanup.js";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export { freePort };

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const CLI = join(ROOT, "apps/cli/dist/main.js");

/** A Pier stops in well under a second; the reconciler may be mid-way through a 10 s container stop. */
const STOP_WAIT_MS = 15_000;

export interface RunningPier {
  env: NodeJS.ProcessEnv;
  apiUrl: string;
  httpPort: number;
  httpsPort: number;
  token: string;
  dataDir: string;
  output: () => string;
  /** Stops every Pier process and starts them again on the same database, Redis and data dir. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the whole of Pier (`npm start`'s launcher) on free ports with its own data directory,
 * database and Redis database, so a test run never touches an operator's instance.
 */
export async function startPier(name: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<RunningPier> {
  const dataDir = await mkdtemp(join(tmpdir(), `pier-${name}-`));
  const [apiPort, httpPort, httpsPort] = [await freePort(), await freePort(), await freePort()];
  const suffix = `${name}_${process.pid}`.replace(/[^a-z0-9_]/gi, "_").toLowerCase();
  const redis = await claimRedisDb();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PIER_DATA_DIR: dataDir,
    PIER_API_PORT: String(apiPort),
    PIER_HTTP_PORT: String(httpPort),
    PIER_SSH_PORT: String(await freePort()),
    PIER_RENDEZVOUS_PORT: String(await freePort()),
    PIER_HTTPS_PORT: String(httpsPort),
    PIER_API_HOST: "127.0.0.1",
    DATABASE_URL: `postgresql://pier:pier@127.0.0.1:5432/pier_e2e_${suffix}`,
    REDIS_URL: `redis://127.0.0.1:6379/${redis.db}`,
    ...extraEnv,
  };
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  let output = "";
  const launch = async (): Promise<ChildProcess> => {
    // Its own process group, so that stop() can end every Pier process at once if it must.
    const started: ChildProcess = spawn(process.execPath, [join(ROOT, "infra/start.mjs")], { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    started.stdout!.on("data", (d) => (output += d));
    started.stderr!.on("data", (d) => (output += d));
    const deadline = Date.now() + 120_000;
    for (;;) {
      if (started.exitCode !== null) throw new Error(`Pier exited during start:\n${output}`);
      const ok = await fetch(`${apiUrl}/healthz`).then((r) => r.ok, () => false);
      if (ok) return started;
      if (Date.now() > deadline) throw new Error(`Pier did not become healthy in 120 s:\n${output}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  };
  /**
   * SIGTERM, and the launcher exits once its processes have. With `killAfterMs`, whatever still
   * runs then is SIGKILLed, saying so: a Pier that hangs on SIGTERM (the launcher itself gives up
   * only after 40 s, leaving the process that hung running) must not cost every test file 40 s,
   * and its processes must not outlive the test. restart() waits without a limit.
   */
  const halt = (killAfterMs?: number) =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      const timer = killAfterMs === undefined ? undefined : setTimeout(() => {
        const alive = spawnSync("ps", ["-o", "pid=,args=", "-g", String(child.pid)], { encoding: "utf8" }).stdout.trim();
        const note = `e2e: Pier did not stop within ${killAfterMs} ms of SIGTERM; SIGKILL to what still runs:\n${alive}`;
        output += `${note}\n`;
        console.warn(note);
        process.kill(-child.pid!, "SIGKILL");
      }, killAfterMs);
      child.on("exit", () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill("SIGTERM");
    });
  let child = await launch();
  const token = (await readFile(join(dataDir, "admin-token"), "utf8")).trim();
  return {
    env: { ...env, PIER_API_URL: apiUrl, PIER_API_KEY: token },
    apiUrl,
    httpPort: Number(env.PIER_HTTP_PORT),
    httpsPort: Number(env.PIER_HTTPS_PORT),
    token,
    dataDir,
    output: () => output,
    async restart() {
      await halt();
      child = await launch();
    },
    async stop() {
      await halt(STOP_WAIT_MS);
      const installation = await installationIdOf(env.DATABASE_URL!);
      if (installation) await removeInstallationResources(installation);
      await dropDatabase(env.DATABASE_URL!);
      await redis.release();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A GET through Pier's router with the app's Host header (fetch cannot set Host). */
export function viaRouter(pier: RunningPier, host: string, path = "/"): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port: pier.httpPort, path, headers: { Host: host } }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}
