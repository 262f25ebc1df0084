/**
 * Choosing a certificate for a TLS server name: the exact name first, then a wildcard for
 * exactly one label (`*.example.com` covers `a.example.com`, not `example.com` or `a.b.example.com`).
 * Built once per certificate set; a lookup is one or two Map gets whatever the set's size.
 */
export interface CertIndex<T> {
  readonly exact: ReadonlyMap<string, T>;
  /** `*.example.com` is stored under `example.com`. */
  readonly wildcard: ReadonlyMap<string, T>;
}

export function buildCertIndex<T>(entries: Iterable<{ hostnames: readonly string[]; value: T }>): CertIndex<T> {
  const exact = new Map<string, T>();
  const wildcard = new Map<string, T>();
  for (const { hostnames, value } of entries) {
    for (const raw of hostnames) {
      const name = raw.toLowerCase();
      if (name.startsWith("*.")) wildcard.set(name.slice(2), value);
      else exact.set(name, value);
    }
  }
  return { exact, wildcard };
}

export function selectCert<T>(index: CertIndex<T>, serverName: string | undefined): T | undefined {
  if (serverName === undefined || serverName.length === 0) return undefined;
  let name = serverName.toLowerCase();
  if (name.endsWith(".")) name = name.slice(0, -1);
  const hit = index.exact.get(name);
  if (hit !== undefined || index.wildcard.size === 0) return hit;
  const dot = name.indexOf(".");
  return dot > 0 ? index.wildcard.get(name.slice(dot + 1)) : undefined;
}
