import { api, CliError } from "../api-client.js";
import { resolveAppName } from "../app-name.js";
import type { Command } from "../command.js";
import { EXIT } from "../exit-codes.js";
import { json } from "../output.js";
import { printTable, type Column } from "../print-table.js";
import { waitFor } from "../progress.js";
import type { Settings } from "../settings.js";

interface Domain {
  hostname: string;
  kind: "default" | "custom";
  cname: string | null;
  acm_status: string | null;
  acm_status_reason: string | null;
}

const path = (app: string) => `/apps/${encodeURIComponent(app)}/domains`;
const acm = (d: Domain) => (d.acm_status === null ? "-" : d.acm_status_reason ? `${d.acm_status} (${d.acm_status_reason})` : d.acm_status);

export const domainsList: Command = {
  name: "domains",
  usage: "pier domains [--app NAME] [--json]",
  summary: "the hostnames an app answers on, with their certificate status",
  description: "Certificate (ACM) status: pending (not ordered yet), issued, failing (retried with backoff; the reason says why), failed (gave up; remove and add the domain to try again).",
  async run({ flags, settings, out }) {
    const app = await resolveAppName(flags);
    const domains = await api<Domain[]>(settings, "GET", path(app));
    if (flags.json) return out(json(domains));
    const columns: Column<Domain>[] = [
      { header: "Hostname", value: (d) => d.hostname },
      { header: "Kind", value: (d) => d.kind },
      { header: "DNS target", value: (d) => d.cname ?? "-" },
      { header: "Certificate", value: acm },
    ];
    printTable(domains, columns, { out, title: `${app} Domains` });
  },
};

/** Polls the domain until its certificate is issued; a final failure is an error. */
async function waitForCertificate(settings: Settings, app: string, hostname: string): Promise<Domain> {
  const d = await waitFor({
    label: `Waiting for the certificate of ${hostname}`,
    poll: async () => {
      const found = (await api<Domain[]>(settings, "GET", path(app))).find((x) => x.hostname === hostname);
      if (!found) throw new CliError(`${hostname} was removed from ${app} while waiting.`, EXIT.notFound);
      return found.acm_status === "issued" || found.acm_status === "failed" ? { done: true, value: found } : { done: false, text: acm(found) };
    },
    timeoutMessage: `The certificate of ${hostname} is not issued yet (it is retried): follow it with \`pier domains\`.`,
    intervalMs: 2000,
  });
  if (d.acm_status === "failed") throw new CliError(`The certificate of ${hostname} failed: ${d.acm_status_reason ?? "see pier domains"}. Remove and add the domain to try again.`);
  return d;
}

export const domainsAdd: Command = {
  name: "domains:add",
  usage: "pier domains:add HOSTNAME [--app NAME] [--wait]",
  summary: "answer on a custom domain too (a certificate is ordered for it)",
  description:
    "Point the hostname's DNS at this Pier (a CNAME to the app's default name, or an A record). A hostname belongs to one app; *.example.com matches one label, after exact names. With --wait, returns once its certificate is issued (exit 1 if issuing fails for good).",
  booleans: ["wait"],
  examples: ["pier domains:add www.example.com", "pier domains:add '*.example.com'"],
  async run({ positionals, flags, settings, out }) {
    const hostname = positionals[0];
    if (!hostname) throw new CliError("Usage: pier domains:add HOSTNAME [--app NAME]", EXIT.usage);
    const app = await resolveAppName(flags);
    const d = await api<Domain>(settings, "POST", path(app), { hostname, sni_endpoint: null });
    if (flags.json) return out(json(d));
    out(`Added ${d.hostname} to ${app}`);
    if (d.cname) out(`Point its DNS at ${d.cname} (CNAME). Certificate: ${acm(d)}`);
    if (flags.wait && d.acm_status !== null) out(`Certificate: ${acm(await waitForCertificate(settings, app, d.hostname))}`);
  },
};

export const domainsRemove: Command = {
  name: "domains:remove",
  usage: "pier domains:remove HOSTNAME [--app NAME]",
  summary: "stop answering on a custom domain",
  async run({ positionals, flags, settings, out }) {
    const hostname = positionals[0];
    if (!hostname) throw new CliError("Usage: pier domains:remove HOSTNAME [--app NAME]", EXIT.usage);
    const app = await resolveAppName(flags);
    await api(settings, "DELETE", `${path(app)}/${encodeURIComponent(hostname)}`);
    out(`Removed ${hostname} from ${app}`);
  },
};

function routingCommand(name: string, summary: string, body: { maintenance?: boolean; https_redirect?: boolean }, done: string): Command {
  return {
    name,
    usage: `pier ${name} [--app NAME]`,
    summary,
    async run({ flags, settings, out }) {
      const app = await resolveAppName(flags);
      await api(settings, "PATCH", `/apps/${encodeURIComponent(app)}/routing`, body);
      out(`${done} for ${app}`);
    },
  };
}

export const maintenanceOn = routingCommand("maintenance:on", "answer every request with a 503 maintenance page", { maintenance: true }, "Maintenance mode on");
export const maintenanceOff = routingCommand("maintenance:off", "serve the app again", { maintenance: false }, "Maintenance mode off");
export const redirectOn = routingCommand("domains:https-redirect:on", "redirect plain HTTP to HTTPS where the app has a certificate", { https_redirect: true }, "HTTPS redirect on");
export const redirectOff = routingCommand("domains:https-redirect:off", "serve plain HTTP as well", { https_redirect: false }, "HTTPS redirect off");
