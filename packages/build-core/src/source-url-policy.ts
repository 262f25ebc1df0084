/**
 * Which `source_blob.url`s Pier downloads, from the operator's PIER_SOURCE_URL_ALLOW entries:
 * `public` (any host whose addresses are all public), a host (`github.com`, `10.0.0.5`), a host
 * wildcard (`*.example.com`), or a URL prefix (`https://git.internal/org/`). An empty list means
 * `public`. A listed host or prefix may have private addresses (the operator named it); anything
 * else must resolve to public addresses only, so a caller cannot make Pier fetch from its own
 * loopback, the machine's private network or a cloud metadata address.
 */
export type UrlDecision = { ok: true; publicOnly: boolean } | { ok: false; error: string };

export const DEFAULT_SOURCE_URL_ALLOW = ["public"];

const ASK = "ask the operator to add it to PIER_SOURCE_URL_ALLOW";

function matches(url: URL, entry: string): boolean {
  if (entry.includes("://")) return url.href.startsWith(entry);
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, "");
  const want = entry.toLowerCase().replace(/^\[|\]$/g, "");
  if (want.startsWith("*.")) return host.endsWith(want.slice(1));
  return host === want;
}

/** Pure: whether `url` may be fetched, and whether its addresses must then be public. */
export function checkSourceUrl(url: URL, allow: readonly string[]): UrlDecision {
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return { ok: false, error: `source_blob.url must be an http or https URL, got ${url.protocol}` };
  }
  const entries = allow.length > 0 ? allow : DEFAULT_SOURCE_URL_ALLOW;
  if (entries.some((e) => e !== "public" && matches(url, e))) return { ok: true, publicOnly: false };
  if (!entries.includes("public")) return { ok: false, error: `source_blob.url's host ${url.hostname} is not one this Pier downloads from: ${ASK}` };
  const literal = url.hostname.replace(/^\[|\]$/g, "");
  const kind = classifyAddress(literal);
  if (kind !== undefined && kind !== "public") return { ok: false, error: refusal(url.hostname, literal, kind) };
  return { ok: true, publicOnly: true };
}

/** Pure: the refusal for an address `host` resolved to, when only public ones are allowed; undefined if fine. */
export function checkSourceAddress(host: string, address: string): string | undefined {
  const kind = classifyAddress(address) ?? "reserved";
  return kind === "public" ? undefined : refusal(host, address, kind);
}

const refusal = (host: string, address: string, kind: AddressKind) =>
  `source_blob.url's host ${host} is a ${kind} address (${address}): Pier only downloads from public addresses unless the operator allows the host; ${ASK}`;

export type AddressKind = "public" | "loopback" | "private" | "link-local" | "unspecified" | "multicast" | "reserved";

function ipv4(s: string): number[] | undefined {
  const parts = s.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.map(Number);
}

function classifyV4([a, b]: number[]): AddressKind {
  if (a === 127) return "loopback";
  if (a === 0) return "unspecified";
  if (a === 10 || (a === 172 && b! >= 16 && b! <= 31) || (a === 192 && b === 168) || (a === 100 && b! >= 64 && b! <= 127)) return "private";
  if (a === 169 && b === 254) return "link-local";
  if (a! >= 224 && a! <= 239) return "multicast";
  if (a! >= 240) return "reserved";
  return "public";
}

/** IPv6 text -> its 8 groups (with an embedded IPv4 tail), or undefined when it is not IPv6. */
function ipv6(s: string): number[] | undefined {
  if (!s.includes(":") || !/^[0-9a-f:.]+$/i.test(s)) return undefined;
  let text = s;
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (tail) {
    const v4 = ipv4(tail[1]!);
    if (!v4) return undefined;
    text = `${text.slice(0, -tail[1]!.length)}${((v4[0]! << 8) | v4[1]!).toString(16)}:${((v4[2]! << 8) | v4[3]!).toString(16)}`;
  }
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const parse = (h: string) => (h === "" ? [] : h.split(":").map((g) => (/^[0-9a-f]{1,4}$/i.test(g) ? parseInt(g, 16) : NaN)));
  const head = parse(halves[0]!);
  const rest = halves.length === 2 ? parse(halves[1]!) : [];
  const groups = halves.length === 2 ? [...head, ...Array<number>(8 - head.length - rest.length).fill(0), ...rest] : head;
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0) ? groups : undefined;
}

/** Pure: what kind of address an IP literal is; undefined for a host name. */
export function classifyAddress(address: string): AddressKind | undefined {
  const v4 = ipv4(address);
  if (v4) return classifyV4(v4);
  const g = ipv6(address);
  if (!g) return undefined;
  if (g.slice(0, 7).every((x) => x === 0)) return g[7] === 1 ? "loopback" : g[7] === 0 ? "unspecified" : "reserved";
  // IPv4-mapped (::ffff:a.b.c.d): judged as the IPv4 address it stands for.
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) return classifyV4([g[6]! >> 8, g[6]! & 255, g[7]! >> 8, g[7]! & 255]);
  if ((g[0]! & 0xfe00) === 0xfc00) return "private";
  if ((g[0]! & 0xffc0) === 0xfe80) return "link-local";
  if ((g[0]! & 0xff00) === 0xff00) return "multicast";
  return "public";
}
