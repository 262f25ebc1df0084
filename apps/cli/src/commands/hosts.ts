import { readFile } from "node:fs/promises";
import { api, CliError } from "../api-client.js";
import type { Command } from "../command.js";
import { EXIT } from "../exit-codes.js";
import { age, green, json, red, yellow } from "../output.js";
import { printTable, type Column } from "../print-table.js";

export interface Host {
  id: string;
  name: string;
  docker_url: string;
  address: string;
  state: "ready" | "draining" | "down";
  tls: boolean;
  cpus: number | null;
  memory_bytes: number | null;
  instances: number;
  last_heartbeat_at: string | null;
  heartbeat_error: string | null;
}

const GB = 1024 ** 3;
const stateColour = (text: string, h: Host) => (h.state === "ready" ? green(text) : h.state === "down" ? red(text) : yellow(text));
const memory = (bytes: number | null) => (bytes === null ? "?" : `${(bytes / GB).toFixed(1)} GB`);
const hostPath = (host: string, rest = "") => `/hosts/${encodeURIComponent(host)}${rest}`;

/** `pier hosts`: name, state, heartbeat age, capacity, instances, engine. */
export function hostColumns(now = Date.now()): Column<Host>[] {
  return [
    { header: "NAME", value: (h) => h.name },
    { header: "STATE", value: (h) => h.state, colour: stateColour },
    { header: "HEARTBEAT", value: (h) => (h.last_heartbeat_at ? age(h.last_heartbeat_at, now) : "never") },
    { header: "CPUS", value: (h) => String(h.cpus ?? "?") },
    { header: "MEMORY", value: (h) => memory(h.memory_bytes) },
    { header: "INSTANCES", value: (h) => String(h.instances) },
    { header: "ENGINE", value: (h) => `${h.docker_url}${h.tls ? " (tls)" : ""} -> ${h.address}` },
  ];
}

export const hostsList: Command = {
  name: "hosts",
  usage: "pier hosts [--json]",
  summary: "list the Docker engines instances run on: state, heartbeat age, capacity, instances (admin)",
  async run({ flags, settings, out }) {
    const hosts = await api<Host[]>(settings, "GET", "/hosts");
    if (flags.json) return out(json(hosts));
    printTable(hosts, hostColumns(), { out, title: "Hosts" });
    for (const h of hosts.filter((x) => x.state !== "ready" && x.heartbeat_error)) out(`${h.name}: ${h.heartbeat_error}`);
  },
};

async function pem(flag: string | true | undefined, name: string): Promise<string | undefined> {
  if (flag === undefined) return undefined;
  if (flag === true) throw new CliError(`--${name} needs a file name.`, EXIT.usage);
  return readFile(flag, "utf8").catch((err: NodeJS.ErrnoException) => {
    throw new CliError(`Cannot read --${name} ${flag}: ${err.code === "ENOENT" ? "no such file" : err.message}`, EXIT.usage);
  });
}

export const hostsAdd: Command = {
  name: "hosts:add",
  usage: "pier hosts:add NAME --docker URL [--address A] [--tls-ca FILE --tls-cert FILE --tls-key FILE]",
  summary: "register another Docker engine; the scheduler places instances there (admin)",
  description:
    "URL is unix:///var/run/docker.sock, tcp://ADDRESS:2375, or tcp://ADDRESS:2376 with TLS client certificates (PEM files). " +
    "ADDRESS is where routers reach the instances' published ports (default: the engine URL's address). Pier reaches the engine before adding it and reads its CPUs and memory.",
  examples: ["pier hosts:add host-b --docker tcp://10.0.0.2:2376 --tls-ca ca.pem --tls-cert cert.pem --tls-key key.pem"],
  async run({ positionals, flags, settings, out }) {
    const name = positionals[0];
    if (!name || typeof flags.docker !== "string") throw new CliError(`Usage: ${hostsAdd.usage}`, EXIT.usage);
    const body = {
      name,
      docker_url: flags.docker,
      address: typeof flags.address === "string" ? flags.address : undefined,
      tls_ca: await pem(flags["tls-ca"], "tls-ca"),
      tls_cert: await pem(flags["tls-cert"], "tls-cert"),
      tls_key: await pem(flags["tls-key"], "tls-key"),
    };
    const host = await api<Host>(settings, "POST", "/hosts", body);
    if (flags.json) return out(json(host));
    out(`Added host ${host.name} (${host.cpus ?? "?"} cpu, ${memory(host.memory_bytes)}); instances reach routers at ${host.address}`);
  },
};

/** The three host actions: NAME is required; the API answers the host (drain, undrain) or nothing (remove). */
function hostAction(action: "drain" | "undrain" | "remove", usage: string, summary: string, say: (host: Host | undefined, name: string) => string): Command {
  return {
    name: `hosts:${action}`,
    usage,
    summary,
    async run({ positionals, flags, settings, out }) {
      const name = positionals[0];
      if (!name) throw new CliError(`Usage: ${usage}`, EXIT.usage);
      const host = await api<Host | undefined>(settings, "POST", hostPath(name, `/actions/${action}`));
      if (flags.json && host) return out(json(host));
      out(say(host, name));
    },
  };
}

export const hostsDrain = hostAction(
  "drain",
  "pier hosts:drain NAME",
  "move every instance off a host (replacements start elsewhere first, then the old ones stop) (admin)",
  (h) => `Draining ${h!.name}: ${h!.instances} instance${h!.instances === 1 ? "" : "s"} to move. Watch with: pier hosts`,
);

export const hostsUndrain = hostAction("undrain", "pier hosts:undrain NAME", "let a drained host take new instances again (admin)", (h) => `${h!.name} is ${h!.state}`);

export const hostsRemove = hostAction("remove", "pier hosts:remove NAME", "forget an empty host (drain it first); its engine keeps running (admin)", (_h, name) => `Removed host ${name}`);
