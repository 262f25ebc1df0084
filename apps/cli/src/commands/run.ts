import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { api, CliError } from "../api-client.js";
import { resolveAppName } from "../app-name.js";
import { frameReader } from "../attach-frames.js";
import type { Command } from "../command.js";
import { EXIT, exitCodeForStatus } from "../exit-codes.js";
import { json } from "../output.js";
import { attachQuery, terminalEnv, terminalSize, wantsTerminal } from "../run-terminal.js";
import type { Settings } from "../settings.js";

interface Dyno {
  name: string;
  state: string;
  host: string;
  release: { version: number };
}

const shape = () => ({ columns: process.stdout.columns, rows: process.stdout.rows, term: process.env.TERM });

function ttlFlag(flags: Record<string, string | true>): number | undefined {
  if (flags.timeout === undefined) return undefined;
  const seconds = typeof flags.timeout === "string" ? Number(flags.timeout) : NaN;
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 86_400) throw new CliError("--timeout takes whole seconds from 1 to 86400.", EXIT.usage);
  return seconds;
}

/**
 * With a terminal: keystrokes go raw (Ctrl-C and Ctrl-D reach the one-off's terminal, as with
 * `heroku run`), size changes follow it; the terminal is restored however the run ends.
 */
function useTerminal(settings: Settings, app: string, dyno: string): () => void {
  const stdin = process.stdin;
  stdin.setRawMode(true);
  // One resize in flight at a time, then the latest size: `stty rows R cols C` alone signals twice,
  // and two requests side by side could land in the wrong order, leaving the older size.
  let sending = false;
  let changedMeanwhile = false;
  const resize = () => {
    if (sending) {
      changedMeanwhile = true;
      return;
    }
    const size = terminalSize(shape());
    if (size === undefined) return;
    sending = true;
    // A resize that does not land (the command just ended) changes nothing worth reporting.
    void api(settings, "POST", `/apps/${encodeURIComponent(app)}/dynos/${encodeURIComponent(dyno)}/resize`, size)
      .catch(() => undefined)
      .finally(() => {
        sending = false;
        if (changedMeanwhile) {
          changedMeanwhile = false;
          resize();
        }
      });
  };
  process.on("SIGWINCH", resize);
  const restore = () => {
    process.off("SIGWINCH", resize);
    process.off("exit", restore);
    if (stdin.isTTY) stdin.setRawMode(false);
  };
  process.on("exit", restore);
  return restore;
}

/**
 * Streams this process's stdin to the one-off and its output back (a chunked POST, both ways at
 * once); resolves with the command's exit code.
 */
function attach(settings: Settings, app: string, dyno: string, ttl: number | undefined, tty: boolean): Promise<number> {
  const url = new URL(`${settings.apiUrl}/apps/${encodeURIComponent(app)}/dynos/${encodeURIComponent(dyno)}/attach`);
  url.search = attachQuery(ttl, tty ? terminalSize(shape()) : undefined).toString();
  const request = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: "POST",
      headers: { Authorization: `Bearer ${settings.token}`, "Content-Type": "application/octet-stream", "Transfer-Encoding": "chunked", Accept: "application/vnd.pier.attach" },
    });
    req.on("error", (err) => reject(new CliError(`Lost the connection to ${dyno}: ${err.message}`, EXIT.unavailable)));
    req.on("response", (res) => {
      if (res.statusCode !== 200) {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (d: string) => (body += d));
        res.on("end", () => {
          const message = (() => {
            try {
              return (JSON.parse(body) as { message?: string }).message;
            } catch {
              return undefined;
            }
          })();
          reject(new CliError(message ?? `Attaching to ${dyno} failed with HTTP ${res.statusCode}.`, exitCodeForStatus(res.statusCode ?? 500)));
        });
        return;
      }
      let exitCode: number | undefined;
      const read = frameReader((f) => {
        if (f.stream === "exit") exitCode = f.code;
        else (f.stream === "stdout" ? process.stdout : process.stderr).write(f.payload);
      });
      res.on("data", (chunk: Buffer) => read(chunk));
      res.on("end", () => {
        process.stdin.unpipe(req);
        process.stdin.pause();
        if (exitCode === undefined) reject(new CliError(`The connection to ${dyno} ended before its exit code came.`, EXIT.unavailable));
        else resolve(exitCode);
      });
    });
    process.stdin.pipe(req);
  });
}

async function attachWithTerminal(settings: Settings, app: string, dyno: string, ttl: number | undefined): Promise<number> {
  const restore = useTerminal(settings, app, dyno);
  try {
    return await attach(settings, app, dyno, ttl, true);
  } finally {
    restore();
  }
}

export const runCommand: Command = {
  name: "run",
  usage: "pier run [--app NAME] [--detach] [--no-tty] [--size SIZE] [--timeout SECONDS] COMMAND [ARGS...]",
  summary: "run a command in a one-off instance of the current release: input and output attached, its exit code passed on",
  description:
    "The command gets the release's image and config vars, and runs as typed (no shell: `pier run sh -c '...'` for one). " +
    "Options go before the command. From a terminal (stdin and stdout both one) the command gets a terminal too, like heroku run: " +
    "keys go to it as typed (Ctrl-C and Ctrl-D included) and it follows the window's size; --no-tty or piped input uses plain pipes instead. " +
    "--detach starts it in the background; its output goes to the log stream as run.N (pier logs --ps run.N). " +
    "It is stopped after --timeout seconds (default 3600).",
  examples: ["pier run bash", "pier run python manage.py migrate", "pier run --detach python manage.py clearsessions", "echo 'print(1)' | pier run python"],
  booleans: ["detach", "no-tty"],
  commandLast: true,
  async run({ positionals, flags, settings, out }) {
    if (positionals.length === 0) throw new CliError(`Usage: ${runCommand.usage}`, EXIT.usage);
    const app = await resolveAppName(flags);
    const ttl = ttlFlag(flags);
    const detach = Boolean(flags.detach);
    const tty = wantsTerminal({ stdinIsTTY: process.stdin.isTTY === true, stdoutIsTTY: process.stdout.isTTY === true, noTty: Boolean(flags["no-tty"]), detach });
    const env = terminalEnv(process.stdout.isTTY === true, tty, shape());
    const body = { command: positionals.join(" "), argv: positionals, attach: !detach, tty, size: typeof flags.size === "string" ? flags.size : undefined, env, time_to_live: ttl };
    const dyno = await api<Dyno>(settings, "POST", `/apps/${encodeURIComponent(app)}/dynos`, body);
    if (flags.json) return out(json(dyno));
    if (detach) {
      out(`Running ${positionals.join(" ")} on ${app} as ${dyno.name} (v${dyno.release.version}, host ${dyno.host}). Output: pier logs --ps ${dyno.name} --app ${app}`);
      return;
    }
    process.stderr.write(`Running ${positionals.join(" ")} on ${app}... up, ${dyno.name}\n`);
    return tty ? attachWithTerminal(settings, app, dyno.name, ttl) : attach(settings, app, dyno.name, ttl, false);
  },
};
