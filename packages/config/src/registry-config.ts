/**
 * PIER_REGISTRY: a Docker registry (HOST:PORT) that carries release images to other hosts. The
 * worker's engine pushes there; other hosts' engines pull from PIER_REGISTRY_PULL when they reach
 * the registry at another address (default: the same one).
 */
export interface RegistrySettings {
  /** Where the engine that built an image pushes it, e.g. "127.0.0.1:5000". */
  push: string;
  /** Where every other host's engine pulls from, e.g. "10.0.0.1:5000". */
  pull: string;
}

/** HOST[:PORT], HOST a DNS name, IPv4 address or [IPv6]: what Docker accepts as a registry part of an image name. */
const REGISTRY = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:]+\])(?::\d{1,5})?$/;

type Env = Record<string, string | undefined>;

/** Pure: undefined when no registry is configured; throws naming the bad setting. */
export function registrySettings(env: Env, fail: (message: string) => Error): RegistrySettings | undefined {
  const push = env.PIER_REGISTRY?.trim() ?? "";
  const pull = env.PIER_REGISTRY_PULL?.trim() ?? "";
  if (!push) {
    if (pull) throw fail(`PIER_REGISTRY_PULL is set ("${pull}") but PIER_REGISTRY is not: set PIER_REGISTRY to where the worker's engine pushes`);
    return undefined;
  }
  for (const [key, value] of [["PIER_REGISTRY", push], ["PIER_REGISTRY_PULL", pull]] as const) {
    if (value && !REGISTRY.test(value)) throw fail(`${key} must be a registry address HOST:PORT such as 10.0.0.1:5000 (no scheme, no path), got "${value}"`);
  }
  return { push, pull: pull || push };
}
