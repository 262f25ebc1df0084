import { api, CliError } from "../api-client.js";
import { resolveAppName } from "../app-name.js";
import type { Command } from "../command.js";
import { json } from "../output.js";
import { printTable, type Column } from "../print-table.js";

interface LogDrain {
  id: string;
  url: string;
  token: string;
}

const path = (app: string) => `/apps/${encodeURIComponent(app)}/log-drains`;

export const drainsList: Command = {
  name: "drains",
  usage: "pier drains [--app NAME] [--json]",
  summary: "where an app's log lines are also sent (syslog or HTTPS receivers)",
  async run({ flags, settings, out }) {
    const app = await resolveAppName(flags);
    const drains = await api<LogDrain[]>(settings, "GET", path(app));
    if (flags.json) return out(json(drains));
    if (drains.length === 0) return out(`${app} has no log drains.`);
    const columns: Column<LogDrain>[] = [
      { header: "URL", value: (d) => d.url },
      { header: "Token", value: (d) => d.token },
    ];
    printTable(drains, columns, { out, title: `${app} Drains` });
  },
};

export const drainsAdd: Command = {
  name: "drains:add",
  usage: "pier drains:add URL [--app NAME]",
  summary: "send every line of an app's log to a receiver: syslog://host:port, syslog+tls://host:port or https://host/path",
  description:
    "Syslog drains get RFC 5424 messages, octet-counted, over TCP or TLS; HTTPS drains get POST batches of the same frames (application/logplex-1), as Heroku sends them. The receiver sees the drain's token as the syslog hostname (and the Logplex-Drain-Token header). A drain that is down or slow gets retried with backoff; lines it misses for longer than the log is kept are counted in an L10 line in the app's log.",
  async run({ positionals, flags, settings, out }) {
    const url = positionals[0];
    if (!url) throw new CliError("Give the drain URL, e.g. pier drains:add syslog+tls://logs.example.com:6514");
    const app = await resolveAppName(flags);
    const drain = await api<LogDrain>(settings, "POST", path(app), { url });
    out(`Successfully added drain ${drain.url} to ${app} (token ${drain.token}).`);
  },
};

export const drainsRemove: Command = {
  name: "drains:remove",
  usage: "pier drains:remove URL|TOKEN [--app NAME]",
  summary: "stop sending an app's log to a drain",
  async run({ positionals, flags, settings, out }) {
    const which = positionals[0];
    if (!which) throw new CliError("Give the drain's URL or token (see pier drains).");
    const app = await resolveAppName(flags);
    const drain = await api<LogDrain>(settings, "DELETE", `${path(app)}/${encodeURIComponent(which)}`);
    out(`Successfully removed drain ${drain.url} from ${app}.`);
  },
};
