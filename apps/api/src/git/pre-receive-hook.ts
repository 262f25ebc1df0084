/**
 * The pre-receive hook's program. git passes the pushed refs on stdin and relays everything this
 * prints to the pushing client as `remote:` lines. The commit is archived from git's quarantine
 * (the environment git set), uploaded to the API as a build, and its output streamed back.
 */
import { spawn } from "node:child_process";
import { request, type IncomingMessage } from "node:http";
import type { Readable } from "node:stream";
import { json, text } from "node:stream/consumers";
import { choosePushToDeploy, parseRefUpdates } from "./push-refs.js";

const say = (line: string) => process.stdout.write(`${line}\n`);

/**
 * POSTs the archive as it is written, asking for the build's output as NDJSON. node:http, not
 * fetch: fetch loads undici on first use, which costs this short-lived process ~0.1 s per push.
 */
function upload(url: URL, body: Readable): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: "POST",
      headers: {
        Authorization: `Bearer ${process.env.PIER_HOOK_TOKEN ?? ""}`,
        "Content-Type": "application/x-tar",
        Accept: "application/x-ndjson",
      },
    }, resolve);
    req.on("error", reject);
    body.on("error", (err) => req.destroy(err));
    body.pipe(req);
  });
}

async function main(): Promise<number> {
  const api = process.env.PIER_HOOK_API_URL;
  const app = process.env.PIER_HOOK_APP;
  if (!api || !app) {
    say(" !     This repository is served by Pier's API; push through it.");
    return 1;
  }
  const choice = choosePushToDeploy(parseRefUpdates(await text(process.stdin)));
  if (!choice.ok) {
    say(` !     ${choice.error}`);
    return 1;
  }
  const archive = spawn("git", ["archive", "--format=tar", choice.sha], { stdio: ["ignore", "pipe", "inherit"] });
  const res = await upload(new URL(`${api}/apps/${encodeURIComponent(app)}/builds?source_version=${choice.sha}`), archive.stdout);
  if (res.statusCode !== 201) {
    const body = (await json(res).catch(() => ({}))) as { message?: string };
    say(` !     ${body.message ?? `The build could not start (HTTP ${res.statusCode}).`}`);
    return 1;
  }
  say(`-----> Building ${app} (${choice.sha.slice(0, 8)})`);
  let buffered = "";
  const decoder = new TextDecoder();
  for await (const chunk of res as AsyncIterable<Buffer>) {
    buffered += decoder.decode(chunk, { stream: true });
    let nl: number;
    while ((nl = buffered.indexOf("\n")) >= 0) {
      const event = JSON.parse(buffered.slice(0, nl)) as { type: string; line?: string; status?: string; error?: string };
      buffered = buffered.slice(nl + 1);
      if (event.type === "line") say(event.line ?? "");
      if (event.type === "done") {
        if (event.status === "succeeded") return 0;
        say(` !     Push rejected: ${event.error ?? "the build failed"}`);
        return 1;
      }
    }
  }
  say(" !     The build's output ended before its outcome; check `pier builds`.");
  return 1;
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    say(` !     Pier could not build this push: ${err.message}`);
    process.exit(1);
  },
);
