import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { api, CliError } from "../api-client.js";
import { resolveAppName } from "../app-name.js";
import type { Command, CommandContext } from "../command.js";
import { EXIT } from "../exit-codes.js";
import { addonsPath, type Addon } from "./addons.js";

type Kind = Addon["kind"];

/**
 * The client's argv inside the one-off container and the secret it reads from its environment
 * (never in argv: the host's `ps` would show it). `command` runs one command instead of a session.
 */
export function sessionArgv(kind: Kind, url: URL, command?: string): { argv: string[]; env: Record<string, string> } {
  const password = decodeURIComponent(url.password);
  const user = decodeURIComponent(url.username);
  const db = decodeURIComponent(url.pathname.slice(1));
  switch (kind) {
    case "postgres":
      return { argv: ["psql", "-h", url.hostname, "-p", url.port, "-U", user, db, ...(command ? ["-c", command] : [])], env: { PGPASSWORD: password } };
    case "mysql":
      return { argv: ["mariadb", "-h", url.hostname, "-P", url.port, "-u", user, db, ...(command ? ["-e", command] : [])], env: { MYSQL_PWD: password } };
    case "redis":
      return { argv: ["redis-cli", "-h", url.hostname, "-p", url.port, "--user", user || "default", ...(command ? command.split(/\s+/).filter(Boolean) : [])], env: { REDISCLI_AUTH: password } };
  }
}

const clientName = (kind: Kind) => ({ postgres: "psql", redis: "redis-cli", mysql: "mysql" })[kind];

/** The CLI can start containers only beside the engine that runs Pier (API on this machine). */
function localEngine(apiUrl: string): boolean {
  const host = new URL(apiUrl).hostname;
  return ["127.0.0.1", "localhost", "[::1]", "::1"].includes(host) && existsSync(process.env.PIER_DOCKER_SOCKET ?? "/var/run/docker.sock");
}

async function openSession(kind: Kind, { positionals, flags, settings }: CommandContext): Promise<number> {
  const app = await resolveAppName(flags);
  const addons = (await api<Addon[]>(settings, "GET", addonsPath(app))).filter((a) => a.kind === kind && a.pier_state === "available");
  const addon = positionals[0] ? addons.find((a) => a.name === positionals[0]) : addons[0];
  if (!addon) throw new CliError(`${app} has no available ${kind} add-on${positionals[0] ? ` named ${positionals[0]}` : ""}: see pier addons.`, EXIT.notFound);
  const attachment = addon.attachments.find((t) => t.app.name === app)!;
  if (!localEngine(settings.apiUrl)) {
    throw new CliError(
      `pier ${clientName(kind)} starts a client container on ${app}'s network, which needs the Docker engine Pier runs on: run it on the Pier host (PIER_API_URL at 127.0.0.1). From elsewhere, use the URL in ${attachment.config_var} from inside the app (pier run).`,
      EXIT.unavailable,
    );
  }
  const [{ id: appId }, vars] = await Promise.all([
    api<{ id: string }>(settings, "GET", `/apps/${encodeURIComponent(app)}`),
    api<Record<string, string>>(settings, "GET", `/apps/${encodeURIComponent(app)}/config-vars`),
  ]);
  const url = vars[attachment.config_var];
  if (!url) throw new CliError(`${app} has no ${attachment.config_var}: was it unset? pier addons:credentials:rotate ${addon.name} sets it again.`);
  const { argv, env } = sessionArgv(kind, new URL(url), typeof flags.command === "string" ? flags.command : undefined);
  const tty = process.stdin.isTTY && flags.command === undefined;
  const image = process.env.PIER_STACK_DATA_IMAGE ?? "pier/stack-data:bookworm";
  const dockerArgv = ["run", "--rm", "-i", ...(tty ? ["-t"] : []), "--network", `pier-app-${appId}`, "--label", "pier.role=session", ...Object.keys(env).flatMap((k) => ["-e", k]), image, ...argv];
  return new Promise((resolve, reject) => {
    const child = spawn("docker", dockerArgv, { stdio: "inherit", env: { ...process.env, ...env } });
    child.on("error", (err) => reject(new CliError(`Cannot run docker: ${err.message}`, EXIT.unavailable)));
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

const sessionCommand = (kind: Kind, client: string): Command => ({
  name: clientName(kind),
  usage: `pier ${clientName(kind)} [ADDON] [--command ${kind === "redis" ? '"GET key"' : '"SQL"'}] [--app NAME]`,
  summary: `open ${client} on the app's ${kind} add-on (a one-off container on the app's network)`,
  description: `Runs ${client} from pier/stack-data in a container on the app's network with the credentials of the app's URL, through the local Docker engine: run it on the Pier host. --command runs one command and exits with its status.`,
  run: (ctx) => openSession(kind, ctx),
});

export const psql = sessionCommand("postgres", "psql");
export const redisCli = sessionCommand("redis", "redis-cli");
export const mysql = sessionCommand("mysql", "the mariadb client");
