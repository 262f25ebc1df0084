import { spawn } from "node:child_process";
import { access } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runOk } from "./run.js";

/** The `heroku` CLI version the compatibility test drives (check with `npm view heroku version`). */
export const HEROKU_CLI_VERSION = "11.10.0";

/**
 * Installs the heroku CLI from npm into a directory under the system temp dir (never the
 * workspace), once per version; later runs reuse it. Returns the path of its `heroku` binary.
 */
export async function installHerokuCli(): Promise<string> {
  const dir = process.env.PIER_HEROKU_CLI_DIR ?? join(tmpdir(), `pier-heroku-cli-${HEROKU_CLI_VERSION}`);
  const bin = join(dir, "node_modules", ".bin", "heroku");
  const ready = await access(bin).then(() => true, () => false);
  if (!ready) {
    await runOk(["mkdir", "-p", dir]);
    await runOk(["npm", "install", "--prefix", dir, "--no-audit", "--no-fund", "--no-save", `heroku@${HEROKU_CLI_VERSION}`], { timeoutMs: 900_000 });
  }
  return bin;
}

/**
 * Environment that points the heroku CLI at a Pier API on localhost, with no update checks or
 * telemetry. HEROKU_PARTICLEBOARD_URL too: beside every app-scoped request the CLI asks
 * particleboard.heroku.com about billing delinquency (GET /account); with no network that waited
 * for DNS to time out, 5-8 s a command. Pier answers it at once, with no delinquency in it.
 */
export function herokuEnv(apiUrl: string, token: string, home: string): NodeJS.ProcessEnv {
  const port = new URL(apiUrl).port;
  return {
    PATH: process.env.PATH,
    HOME: home,
    XDG_CONFIG_HOME: join(home, ".config"),
    XDG_CACHE_HOME: join(home, ".cache"),
    XDG_DATA_HOME: join(home, ".local/share"),
    HEROKU_HOST: `http://localhost:${port}`,
    HEROKU_PARTICLEBOARD_URL: `http://localhost:${port}`,
    HEROKU_API_KEY: token,
    HEROKU_DISABLE_AUTOUPDATE: "1",
    HEROKU_SKIP_NEW_VERSION_CHECK: "1",
    DISABLE_TELEMETRY: "true",
    HEROKU_DISABLE_TELEMETRY: "1",
    NO_COLOR: "1",
    CI: "1",
  };
}

/**
 * Runs the heroku CLI answering its prompts (on stderr): each answer is typed once, when its
 * prompt first shows. For `heroku login -i`, which asks for an email and a password.
 */
export function runHerokuInteractive(bin: string, args: string[], env: NodeJS.ProcessEnv, cwd: string, answers: [RegExp, string][], timeoutMs = 120_000): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { env, cwd });
    const pending = [...answers];
    let output = "";
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`heroku ${args.join(" ")} did not finish in ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => {
      output += d.toString();
      while (pending.length > 0 && pending[0]![0].test(d.toString())) child.stdin.write(`${pending.shift()![1]}\n`);
    });
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}
