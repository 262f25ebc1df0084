#!/usr/bin/env node
// `npm start`: Pier on one host. Applies database migrations, then runs the API, the worker and
// the router as child processes, prefixing their output; if one exits, all stop.
import { execFile, spawn } from "node:child_process";
import { get } from "node:http";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { loadConfigOrExit, pipSettingsFromPipConfigList } from "@pier/config";

const root = fileURLToPath(new URL("..", import.meta.url));
const env = { ...process.env };
const say = (line) => process.stdout.write(`pier: ${line}\n`);

// Builds use the host's pip configuration (e.g. a local mirror) unless the operator chose an index.
if (!env.PIER_PIP_INDEX_URL && !env.PIER_PIP_EXTRA_INDEX_URLS && !env.PIER_PIP_FIND_LINKS) {
  const listed = await promisify(execFile)("pip3", ["config", "list"]).then((r) => r.stdout, () => "");
  const pip = pipSettingsFromPipConfigList(listed);
  if (pip) {
    env.PIER_PIP_INDEX_URL = pip.indexUrl;
    env.PIER_PIP_EXTRA_INDEX_URLS = pip.extraIndexUrls.join(" ");
    env.PIER_PIP_FIND_LINKS = pip.findLinks.join(" ");
    say(`builds use the host's pip index ${pip.indexUrl}`);
  }
}

const config = loadConfigOrExit("start", env);
// Migrations run in a child process: the launcher then holds no database driver while it
// supervises (it stays the size of a bare Node process).
try {
  const { stdout } = await promisify(execFile)(process.execPath, [`${root}/packages/db/dist/migrate-main.js`], {
    env: { ...env, DATABASE_URL: config.databaseUrl },
  });
  if (stdout) say(stdout.trimEnd());
} catch (err) {
  process.stderr.write(`pier start: ${(err.stderr || err.message).trimEnd()}\n`);
  process.exit(1);
}

const children = new Map();
let stopping = false;

// Extra Node flags for every process, e.g. PIER_NODE_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to
// profile, or "--enable-source-maps" for stack traces in TypeScript terms (off by default: it keeps
// every module's source map parsed, 3-5 MB of the API's idle memory; the compiled JavaScript the
// traces name is close to the source).
const extraFlags = (env.PIER_NODE_FLAGS ?? "").split(/\s+/).filter(Boolean);

// API and worker: a young generation of 1 MB semi-spaces instead of V8's default 16 MB: at idle the
// default keeps ~70 MB more resident across the two, and their allocation is bursty (requests, log
// batches), not sustained. --liftoff-only: Prisma's query compiler is WebAssembly, and V8
// recompiled its hot functions with TurboFan in the background, whose compile memory stayed
// resident (~10-25 MB per process); with the baseline compiler only, 2000 queries ran as fast
// (5.0-5.2 s against 5.6-5.8 s here).
// --max-opt=1: JavaScript runs in the interpreter and V8's baseline compiler (Sparkplug), never
// TurboFan. The API and the worker spend their time in I/O and builtins (Buffers, strings, Redis,
// PostgreSQL), not hot JavaScript: a log flood through both ran 10-20% slower, still far above the
// 20,000 lines/s target (bench/logs 53,300-63,700 lines/s, none lost, against 59,800-69,100), and
// deploys no slower, while TurboFan's code pages in the node binary and its compile memory stayed
// resident (idle sum of RSS 227-230 MB against 239-256 MB).
const LEAN = ["--max-semi-space-size=1", "--liftoff-only", "--max-opt=1"];
// Not --optimize-for-size for the API too: it held a few MB less at idle, but a log flood read
// through it slowed (bench/logs: 51,000 lines/s with 172,000 lines trimmed before the tail reader
// got to them, against 59,800 lines/s and none lost without it).
// The router allocates per proxied request: 4 MB semi-spaces. With V8's 16 MB, route-table swaps
// grew its young generation and it stayed ~15 MB larger at idle (own memory 14-16 or 28-31 MB from
// run to run); bench/router's CPU per request was the same (45-48 against 46-56 us/req, noisy machine).
const ROUTER = ["--max-semi-space-size=4"];

// glibc gives each thread that allocates its own malloc arena (up to 8 per core), and Node's
// libuv pool, V8's GC threads and the pg/Prisma work all allocate: at idle the API and the worker
// held 10-15 MB in arenas beyond the main heap. Two arenas bound that; the operator's value wins.
const childEnv = { MALLOC_ARENA_MAX: "2", ...env };
// API and worker: glibc's default thresholds (128 KB), fixed. By default each large block freed
// raises them, up to 32 MB, so V8's compile zones at start-up (~15-19 MB at their peak) are then
// served from the main heap and stay there, free but resident: bench/logs idle sum of RSS 239-241
// MB against 249-250 MB (the worker 79-83 MB against 89, the API 100-102 against 103-105).
const LEAN_ENV = { MALLOC_TRIM_THRESHOLD_: "131072", MALLOC_MMAP_THRESHOLD_: "131072", ...childEnv };

function launch(name, script, flags, childEnvironment) {
  const args = [...flags, ...extraFlags, `${root}/${script}`];
  const child = spawn(process.execPath, args, { env: childEnvironment, stdio: ["ignore", "pipe", "pipe"] });
  const prefix = (stream, target) => {
    let rest = "";
    stream.on("data", (chunk) => {
      const lines = (rest + chunk).split("\n");
      rest = lines.pop();
      for (const line of lines) target.write(`${name.padEnd(6)} | ${line}\n`);
    });
  };
  prefix(child.stdout, process.stdout);
  prefix(child.stderr, process.stderr);
  child.on("exit", (code, signal) => {
    children.delete(name);
    if (!stopping) {
      say(`${name} exited (${signal ?? `code ${code}`}); stopping Pier`);
      stop(1);
    } else if (children.size === 0) process.exit(exitCode);
  });
  children.set(name, child);
}

let exitCode = 0;
function stop(code) {
  if (stopping) return;
  stopping = true;
  exitCode = code;
  for (const child of children.values()) child.kill("SIGTERM");
  if (children.size === 0) process.exit(code);
  // A child still running by then is killed rather than left orphaned (the worker stops within 10 s).
  setTimeout(() => {
    for (const [name, child] of children) {
      say(`${name} did not stop within 40 s of SIGTERM: killing it`);
      child.kill("SIGKILL");
    }
    process.exit(code);
  }, 40_000).unref();
}
process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));

launch("api", "apps/api/dist/main.js", LEAN, LEAN_ENV);
launch("worker", "apps/worker/dist/main.js", LEAN, LEAN_ENV);
launch("router", "apps/router/dist/main.js", ROUTER, childEnv);

// node:http rather than fetch: fetch loads undici, ~7 MB the launcher would keep for its lifetime.
function healthy() {
  return new Promise((resolve) => {
    get({ host: "127.0.0.1", port: config.apiPort, path: "/healthz" }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    }).on("error", () => resolve(false));
  });
}

for (let i = 0; i < 300 && !stopping; i++) {
  const ok = await healthy();
  if (ok) {
    say(`ready. API ${config.apiUrl} | apps at http://<app>.${config.baseDomain}${config.httpPort === 80 ? "" : `:${config.httpPort}`}/`);
    say(`admin token: ${config.dataDir}/admin-token   (export PIER_API_URL=${config.apiUrl} PIER_API_KEY=$(cat ${config.dataDir}/admin-token))`);
    break;
  }
  await new Promise((r) => setTimeout(r, 200));
}
