/**
 * Where DNS-01 answers go: a TXT record `_acme-challenge.<name>` at the domain's DNS host. Each
 * DNS host (a cloud provider's API, an RFC 2136 server, a test server) gets an adapter.
 */
export interface DnsProvider {
  /** Adds the TXT value (others for the same name stay: a wildcard and its base share one). */
  setTxt(fqdn: string, value: string): Promise<void>;
  removeTxt(fqdn: string, value: string): Promise<void>;
}

/** The TXT record name that DNS-01 checks for a hostname (`*.example.com` is validated at example.com). */
export function dns01RecordName(hostname: string): string {
  return `_acme-challenge.${hostname.replace(/^\*\./, "")}`;
}

async function post(url: string, body: unknown): Promise<void> {
  const res = await fetch(url, { method: "POST", body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`DNS test server answered ${res.status} to ${url}: ${await res.text()}`);
}

/**
 * pebble-challtestsrv's management API (tests): the DNS server pebble asks. It keeps one list
 * of TXT values per name; clearing drops them all, which is fine for a test's names.
 */
export function challtestsrvDns(managementUrl: string): DnsProvider {
  return {
    setTxt: (fqdn, value) => post(`${managementUrl}/set-txt`, { host: `${fqdn}.`, value }),
    removeTxt: (fqdn) => post(`${managementUrl}/clear-txt`, { host: `${fqdn}.` }),
  };
}
