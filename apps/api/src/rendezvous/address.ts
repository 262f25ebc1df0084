import type { PierConfig } from "@pier/config";

/** The name heroku CLIs reach the rendezvous endpoint by: the API's public host (its certificate is made for it). */
export const rendezvousHostname = (config: Pick<PierConfig, "apiUrl">) => new URL(config.apiUrl).hostname;

/** `attach_url` as the heroku CLI reads it: rendezvous://HOST:PORT/SECRET. */
export function attachUrl(config: Pick<PierConfig, "apiUrl" | "rendezvousPort">, secret: string): string {
  return `rendezvous://${rendezvousHostname(config)}:${config.rendezvousPort}/${secret}`;
}
