import { readFileSync } from "node:fs";

/**
 * `PIER_DRAIN_CA_FILE`: PEM certificates the worker trusts for syslog+tls and https drains besides the
 * public roots (a receiver with a private CA or a self-signed certificate). Unset: public roots only.
 * An unreadable or certificate-less file stops the worker at start rather than failing every send.
 */
export function drainCaFromEnv(env: NodeJS.ProcessEnv): string | undefined {
  const file = env.PIER_DRAIN_CA_FILE?.trim();
  if (!file) return undefined;
  let pem: string;
  try {
    pem = readFileSync(file, "utf8");
  } catch (err) {
    throw new Error(`PIER_DRAIN_CA_FILE: cannot read ${file} (${(err as Error).message}); point it at a PEM file of CA certificates or unset it.`);
  }
  if (!pem.includes("-----BEGIN CERTIFICATE-----")) throw new Error(`PIER_DRAIN_CA_FILE: ${file} holds no PEM certificate (-----BEGIN CERTIFICATE-----).`);
  return pem;
}
