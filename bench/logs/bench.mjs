// See ./run. Prints figures; exits non-zero only when the bench itself cannot run.
import { spawn, execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { get as httpGet } from "node:http";
import { createServer } from "node:net";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createPrisma } from "@pier/db";
import { dropDatabase } from "@pier/db/testing";
import { connectDocker, LABEL } from "@pier/docker";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const CLI = join(ROOT, "apps/cli/dist/main.js");
const STACK = process.env.PIER_STACK_IMAGE ?? "pier/stack-python:3.11";
const FLOOD_SECONDS = Number(process.env.FLOOD_SECONDS ?? 30);
const PACED_SECONDS = Number(process.env.PACED_SECONDS ?? 10);
const PACED_RATE = Number(process.env.PACED_RATE ?? 2000);
const APPS = Number(process.env.APPS ?? 50);
const RUNNING = Number(process.env.RUNNING ?? 5);
const IDLE_SECONDS = Number(process.env.IDLE_SECONDS ?? 30);
const IDLE_SAMPLES = Math.max(1, Math.min(IDLE_SECONDS, Number(process.env.IDLE_SAMPLES ?? 15)));
const docker = connectDocker("/var/run/docker.sock");
const redisCli = (...args) => execFileSync("redis-cli", ["-u", process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379/7", ...args], { encoding: "utf8" });
const say = (s) => process.stderr.write(`[bench/logs] ${s}\n`);

const freePort = () =>
  new Promise((resolve, reject) => {
    const srv = createServer().listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });

// Prints "F <seq> <unix time>" as fast as it can for FLOOD_SECONDS, then "END <count> 0"; once
// /tmp/go exists (the bench creates it when the flood has reached the client), prints
// "P <seq> <unix time>" at PACED_RATE lines/s for PACED_SECONDS, then "END 0 <count>"; then
// sleeps (an exit would count as a crash). One instance: the app's formation is web=1.
const PRINTER = `
import os, sys, time
w = sys.stdout.write
end = time.time() + ${FLOOD_SECONDS}
i = 0
while True:
    now = time.time()
    if now >= end: break
    w("".join(["F %d %.6f\\n" % (i + k, now) for k in range(200)]))
    i += 200
w("END %d 0\\n" % i); sys.stdout.flush()
while not os.path.exists("/tmp/go"): time.sleep(0.1)
j = 0
start = time.time()
while j < ${PACED_SECONDS * PACED_RATE}:
    due = start + j / ${PACED_RATE}
    now = time.time()
    if now < due: time.sleep(due - now)
    w("P %d %.6f\\n" % (j, time.time())); sys.stdout.flush()
    j += 1
w("END 0 %d\\n" % j); sys.stdout.flush()
time.sleep(1e9)
`;

const SERVER = "import http.server, os\nclass H(http.server.BaseHTTPRequestHandler):\n    def do_GET(self):\n        self.send_response(200); self.end_headers(); self.wfile.write(b'ok')\n    def log_message(self, *a): pass\nhttp.server.HTTPServer(('0.0.0.0', 5000), H).serve_forever()\n";

/**
 * kB of a process: resident, anonymous (its own) and file-backed (mostly the node binary, shared);
 * and its proportional set size (PSS: each shared page divided among the processes that map it,
 * so the PSS of several processes adds up to what they hold together).
 */
function memoryOf(pid) {
  const kb = (text, field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(text)?.[1] ?? NaN);
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
  return { rss: kb(status, "VmRSS"), anon: kb(status, "RssAnon"), file: kb(status, "RssFile"), pss: kb(rollup, "Pss") };
}

function pct(sorted, p) {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main() {
  const dataDir = await mkdtemp(join(tmpdir(), "pier-bench-logs-"));
  const [apiPort, httpPort, httpsPort] = [await freePort(), await freePort(), await freePort()];
  const databaseUrl = `postgresql://pier:pier@127.0.0.1:5432/pier_bench_logs_${process.pid}`;
  const env = {
    ...process.env,
    PIER_DATA_DIR: dataDir,
    PIER_API_PORT: String(apiPort),
    PIER_HTTP_PORT: String(httpPort),
    PIER_HTTPS_PORT: String(httpsPort),
    PIER_API_HOST: "127.0.0.1",
    DATABASE_URL: databaseUrl,
    REDIS_URL: process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379/7",
  };
  const pier = spawn(process.execPath, [join(ROOT, "infra/start.mjs")], { env, stdio: ["ignore", "pipe", "pipe"] });
  let pierOut = "";
  pier.stdout.on("data", (d) => (pierOut = (pierOut + d).slice(-20000)));
  pier.stderr.on("data", (d) => (pierOut = (pierOut + d).slice(-20000)));
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const containers = [];
  let prisma;
  try {
    for (let i = 0; ; i++) {
      if (pier.exitCode !== null) throw new Error(`Pier exited:\n${pierOut}`);
      if (await fetch(`${apiUrl}/healthz`).then((r) => r.ok, () => false)) break;
      if (i > 600) throw new Error(`Pier did not become healthy:\n${pierOut}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const token = (await readFile(join(dataDir, "admin-token"), "utf8")).trim();
    const cliEnv = { ...env, PIER_API_URL: apiUrl, PIER_API_KEY: token };
    const api = async (method, path, body) => {
      const res = await fetch(`${apiUrl}${path}`, { method, headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" }, body: body && JSON.stringify(body) });
      if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${await res.text()}`);
      return res.json();
    };
    prisma = createPrisma(databaseUrl);
    const installation = (await prisma.installation.findFirstOrThrow()).id;
    for (let i = 0; i < 100 && !(await prisma.host.findFirst()); i++) await new Promise((r) => setTimeout(r, 200));
    const host = await prisma.host.findFirstOrThrow();

    /** An instance the reconciler accepts as its own: container labels plus the rows it expects. */
    async function runInstance(appName, cmd, publish) {
      const app = await prisma.app.findUniqueOrThrow({ where: { name: appName } });
      // The row comes first, without a container id: the reconciler takes that for an instance being
      // started (not a stray container, not a missing instance) until the row names its container.
      // Release, web=1 and the row in one transaction: a reconcile pass in between would start an
      // instance of its own for web=1 (and then scale one of the two down), or scale the row down.
      const id = randomUUID();
      await prisma.$transaction(async (tx) => {
        const release = await tx.release.upsert({
          where: { appId_version: { appId: app.id, version: 1 } },
          create: { appId: app.id, version: 1, imageTag: STACK, status: "succeeded", processTypes: { web: cmd } },
          update: {},
        });
        await tx.formation.upsert({ where: { appId_type: { appId: app.id, type: "web" } }, create: { appId: app.id, type: "web", quantity: 1 }, update: { quantity: 1 } });
        await tx.instance.create({ data: { id, appId: app.id, releaseId: release.id, hostId: host.id, type: "web", number: 1, state: "starting" } });
      });
      const c = await docker.createContainer({
        Image: STACK,
        Cmd: cmd,
        Env: ["DYNO=web.1", "PORT=5000"],
        Labels: { [LABEL.app]: appName, [LABEL.appId]: app.id, [LABEL.release]: "1", [LABEL.processType]: "web", [LABEL.instance]: id, [LABEL.role]: "instance", [LABEL.installation]: installation },
        ExposedPorts: publish ? { "5000/tcp": {} } : undefined,
        HostConfig: { Init: true, ...(publish ? { PortBindings: { "5000/tcp": [{ HostIp: "127.0.0.1", HostPort: "" }] } } : {}) },
      });
      containers.push(c);
      await c.start();
      const info = await c.inspect();
      const hostPort = publish ? Number(info.NetworkSettings.Ports["5000/tcp"][0].HostPort) : null;
      await prisma.instance.update({ where: { id }, data: { containerId: c.id, state: "up", hostPort, startedAt: new Date() } });
      return c;
    }

    // ---- 1: idle footprint (before any flood, so no backlog inflates it) ----
    say(`creating ${APPS} apps, ${RUNNING} of them with a running instance`);
    for (let i = 1; i <= APPS; i++) await api("POST", "/apps", { name: `idle-${i}` });
    for (let i = 1; i <= RUNNING; i++) await runInstance(`idle-${i}`, ["python3", "-c", SERVER], true);
    await api("POST", "/apps", { name: "idle-publish" }); // publishes the table with the instances' backends
    // RSS moves by 10-20 MB with the moment V8 collects garbage: one sample a second over the last
    // IDLE_SAMPLES seconds of the idle time, and the figures of the sample with the median sum.
    await new Promise((r) => setTimeout(r, Math.max(0, IDLE_SECONDS - IDLE_SAMPLES) * 1000));
    const kids = execFileSync("ps", ["-o", "pid=,args=", "--ppid", String(pier.pid)], { encoding: "utf8" }).trim().split("\n");
    const sample = () => ({
      launcher: memoryOf(pier.pid),
      procs: kids.map((k) => {
        const [pid, ...args] = k.trim().split(/\s+/);
        return { name: /apps\/(\w+)\/dist/.exec(args.join(" "))?.[1] ?? args.join(" "), ...memoryOf(Number(pid)) };
      }),
    });
    const samples = [];
    for (let i = 0; i < IDLE_SAMPLES; i++) {
      samples.push(sample());
      await new Promise((r) => setTimeout(r, 1000));
    }
    const rssOf = (s) => s.procs.reduce((a, p) => a + p.rss, 0);
    samples.sort((a, b) => rssOf(a) - rssOf(b));
    const { launcher, procs } = samples[Math.floor(samples.length / 2)];
    const mb = (kb) => `${(kb / 1024).toFixed(0)} MB`;
    const sumRss = procs.reduce((a, p) => a + p.rss, 0);
    const range = `${mb(rssOf(samples[0]))}-${mb(rssOf(samples[samples.length - 1]))}`;
    // PSS shares the node binary's pages with every process mapping them, the launcher and this
    // bench included (and any other node process on the machine): measure on a quiet machine.
    const sumPss = procs.reduce((a, p) => a + p.pss, 0);
    // The three run the same node binary: its pages (RssFile) are in memory once, though each RSS counts them.
    const together = procs.reduce((a, p) => a + p.anon, 0) + Math.max(...procs.map((p) => p.file));
    // node:http, not fetch: fetch does not let a caller set Host.
    const routes = await new Promise((resolve) => {
      const req = httpGet({ host: "127.0.0.1", port: httpPort, path: "/", headers: { Host: "idle-1.localhost" } }, (res) => {
        res.resume();
        resolve(res.statusCode);
      });
      req.on("error", () => resolve(0));
    });
    console.log(`idle: ${APPS + 2} apps (routes for all), ${RUNNING} running instances (idle-1 via the router: HTTP ${routes}), after ${IDLE_SECONDS} s idle; median of ${samples.length} samples a second apart (sum of RSS ${range})`);
    console.log(`idle: RSS ${procs.map((p) => `${p.name} ${mb(p.rss)} (own ${mb(p.anon)} + node binary ${mb(p.file)})`).join(", ")}`);
    console.log(`idle: api+worker+router sum of RSS ${mb(sumRss)}; together ${mb(together)} (own memory of each + the shared node binary once); target <= 250 MB; launcher (infra/start.mjs) ${mb(launcher.rss)} more`);
    console.log(`idle: PSS ${procs.map((p) => `${p.name} ${mb(p.pss)}`).join(", ")}; api+worker+router sum of PSS ${mb(sumPss)} (sum of RSS ${mb(sumRss)}); target <= 250 MB`);
    if (process.env.IDLE_ONLY === "1") return;
    // ---- 2 + 3: flood, then paced, through a real `pier logs --tail` client ----
    await api("POST", "/apps", { name: "bench-logs" });
    // Lines of an earlier run (same Redis database, same app name) would count as out of order.
    await redisCli("DEL", "pier:logs:app:bench-logs");
    const tail = spawn(process.execPath, [CLI, "logs", "--app", "bench-logs", "--tail", "--num", "0", "--ps", "web"], { env: cliEnv, stdio: ["ignore", "pipe", "pipe"] });
    let tailErr = "";
    tail.stderr.on("data", (d) => (tailErr += d));
    const flood = { count: 0, expected: 0, outOfOrder: 0, first: 0, last: 0, lat: [] };
    const paced = { count: 0, expected: 0, outOfOrder: 0, lat: [] };
    let floodEnd;
    let pacedEnd;
    const l10 = [];
    let rest = "";
    tail.stdout.setEncoding("utf8");
    tail.stdout.on("data", (chunk) => {
      const now = Date.now() / 1000;
      const lines = (rest + chunk).split("\n");
      rest = lines.pop();
      for (const line of lines) {
        // indexOf, not a regex: this client reads every line of the flood and shares the cores.
        const at = line.indexOf(" app[web.");
        if (at < 0) {
          if (line.includes(" pier[logs]: Error L10 ")) l10.push(line);
          continue;
        }
        const m = line.slice(line.indexOf("]: ", at) + 3).split(" ");
        m.unshift(line);
        if (m[1] !== "F" && m[1] !== "P" && m[1] !== "END") continue;
        if (m[1] === "END") {
          if (m[2] !== "0") floodEnd = Number(m[2]);
          else pacedEnd = Number(m[3]);
          continue;
        }
        const s = m[1] === "F" ? flood : paced;
        const seq = Number(m[2]);
        if (seq !== s.expected) s.outOfOrder += 1;
        s.expected = seq + 1;
        s.count += 1;
        // Sample latency (every line for paced, every 50th for the flood) to bound memory.
        if (s === paced || seq % 50 === 0) s.lat.push((now - Number(m[3])) * 1000);
        if (s === flood) {
          if (flood.count === 1) flood.first = now;
          flood.last = now;
        }
      }
    });
    await new Promise((r) => setTimeout(r, 3000)); // the tail session is open (a --num 0 tail misses nothing after this)
    if (tail.exitCode !== null) throw new Error(`pier logs --tail exited: ${tailErr}`);
    say(`flooding for ${FLOOD_SECONDS} s, then ${PACED_RATE} lines/s for ${PACED_SECONDS} s`);
    const t0 = Date.now() / 1000;
    const printer = await runInstance("bench-logs", ["python3", "-c", PRINTER], false);
    const waitFor = async (what, done, seconds) => {
      const deadline = Date.now() + seconds * 1000;
      while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      if (!done()) say(`${what} did not arrive within ${seconds} s; tail stderr: ${tailErr.trim()}`);
    };
    await waitFor("the flood's END line", () => floodEnd !== undefined, FLOOD_SECONDS + 600);
    // The paced phase starts once the flood's backlog has reached the client.
    const go = await printer.exec({ Cmd: ["touch", "/tmp/go"] });
    await new Promise((resolve, reject) => go.start({}, (err, stream) => (err ? reject(err) : stream.on("end", resolve).resume())));
    await waitFor("the paced END line", () => pacedEnd !== undefined, PACED_SECONDS + 120);
    tail.kill("SIGTERM");
    const floodSorted = flood.lat.sort((a, b) => a - b);
    const pacedSorted = paced.lat.sort((a, b) => a - b);
    const produced = floodEnd ?? NaN;
    const deliverSeconds = flood.last - t0;
    console.log("== bench/logs: one instance printing, read by `pier logs --tail` ==");
    console.log(`machine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(" ")} at the end (other work shares these cores)`);
    console.log(`flood: ${produced} lines printed in ${FLOOD_SECONDS} s (${Math.round(produced / FLOOD_SECONDS)} lines/s offered)`);
    console.log(`flood: ${flood.count} received, ${produced - flood.count} lost, ${flood.outOfOrder} out of order or after a gap; L10 notices: ${l10.length ? l10.join(" | ") : "none"}`);
    console.log(`flood: sustained ${Math.round(flood.count / deliverSeconds)} lines/s end to end (${flood.count} lines in ${deliverSeconds.toFixed(1)} s from container start to last line at the client); target >= 20000`);
    console.log(`flood: tail latency p50 ${pct(floodSorted, 50).toFixed(0)} ms, p99 ${pct(floodSorted, 99).toFixed(0)} ms, max ${floodSorted.at(-1)?.toFixed(0)} ms (includes the backlog the flood builds)`);
    console.log(`paced: ${paced.count}/${pacedEnd ?? NaN} received at ${PACED_RATE} lines/s, ${paced.outOfOrder} out of order; tail latency p50 ${pct(pacedSorted, 50).toFixed(0)} ms, p99 ${pct(pacedSorted, 99).toFixed(0)} ms`);

  } finally {
    for (const c of containers) await c.remove({ force: true }).catch((err) => err.statusCode === 404 || say(`could not remove a container: ${err.message}`));
    await new Promise((resolve) => {
      if (pier.exitCode !== null) return resolve();
      pier.on("exit", resolve);
      pier.kill("SIGTERM");
    });
    // The reconciler may have replaced instances (new containers) while Pier ran: remove all of
    // this installation's containers once it has stopped.
    const installation = await prisma?.installation.findFirst().then((i) => i?.id, () => undefined);
    if (installation) {
      for (const c of await docker.listContainers({ all: true, filters: { label: [`${LABEL.installation}=${installation}`] } })) {
        await docker.getContainer(c.Id).remove({ force: true }).catch((err) => say(`could not remove container ${c.Id}: ${err.message}`));
      }
    }
    await prisma?.$disconnect();
    await dropDatabase(databaseUrl).catch((err) => say(`could not drop ${databaseUrl}: ${err.message}`));
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    say(err.stack ?? err.message);
    process.exit(1);
  },
);
