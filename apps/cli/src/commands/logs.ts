import { createSseParser } from "@pier/log-core";
import { api, CliError } from "../api-client.js";
import { resolveAppName } from "../app-name.js";
import type { Command } from "../command.js";

interface LogSession {
  logplex_url: string;
}

/** Flags as `pier logs` and `heroku logs` spell them. */
export function logOptions(flags: Record<string, string | true>): { lines: number; tail: boolean; dyno?: string; source?: string } {
  const pick = (...names: string[]) => names.map((n) => flags[n]).find((v) => v !== undefined);
  const num = pick("num", "n");
  if (num === true || (num !== undefined && !/^\d+$/.test(num))) throw new CliError("--num needs a number of lines, e.g. --num 200");
  const dyno = pick("ps", "dyno", "p", "d");
  const source = pick("source", "s");
  if (dyno === true) throw new CliError("--ps needs a process name, e.g. --ps web or --ps web.1");
  if (source === true) throw new CliError("--source needs app or pier");
  return {
    lines: num === undefined ? 100 : Number(num),
    tail: pick("tail", "t") !== undefined,
    ...(dyno === undefined ? {} : { dyno }),
    ...(source === undefined ? {} : { source }),
  };
}

export const logs: Command = {
  name: "logs",
  usage: "pier logs [--app NAME] [--tail] [--num N] [--ps web|web.1|router] [--source app|pier]",
  summary: "show an app's log: its processes' output, router lines and platform events; --tail follows it",
  async run({ flags, settings, out }) {
    const app = await resolveAppName(flags);
    const options = logOptions(flags);
    const path = `/apps/${encodeURIComponent(app)}/log-sessions`;
    let lastId: string | undefined;
    for (let attempt = 0; ; attempt++) {
      // A reconnect starts a fresh session (the old URL may have expired) and resumes after the last line seen.
      const session = await api<LogSession>(settings, "POST", path, lastId === undefined ? options : { ...options, lines: 0 });
      try {
        lastId = await readSession(session.logplex_url, lastId, (text) => out(text), (id) => {
          lastId = id;
          attempt = 0;
        });
        if (!options.tail) return;
      } catch (err) {
        if (!options.tail || err instanceof CliError) throw err;
        if (attempt >= 5) throw new CliError(`Lost the log stream: ${(err as Error).message}`);
      }
      await new Promise((r) => setTimeout(r, 1000 * Math.min(attempt + 1, 5)));
    }
  },
};

/** Reads one session's event stream to its end, printing each event's lines in one write. */
async function readSession(url: string, lastId: string | undefined, print: (text: string) => void, onId: (id: string) => void): Promise<string | undefined> {
  const res = await fetch(url, { headers: { Accept: "text/event-stream", ...(lastId === undefined ? {} : { "Last-Event-ID": lastId }) } });
  if (res.status !== 200 || !String(res.headers.get("content-type")).startsWith("text/event-stream")) {
    const body = await res.text().catch(() => "");
    const message = (() => {
      try {
        return (JSON.parse(body) as { message?: string }).message;
      } catch {
        return undefined;
      }
    })();
    throw new CliError(message ?? `The log stream answered HTTP ${res.status}.`);
  }
  let last = lastId;
  const parser = createSseParser((e) => {
    print(e.data);
    if (e.id !== undefined) {
      last = e.id;
      onId(e.id);
    }
  });
  const decoder = new TextDecoder();
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) parser.push(decoder.decode(chunk, { stream: true }));
  return last;
}
