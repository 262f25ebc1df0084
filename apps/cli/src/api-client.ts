import type { Settings } from "./settings.js";

/** A failure the user can act on; main prints `message` alone and exits with `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export async function api<T>(settings: Settings, method: string, path: string, body?: unknown): Promise<T> {
  if (!settings.token) throw new CliError("Not logged in: run `pier login` or set PIER_API_KEY.");
  let res: Response;
  try {
    res = await fetch(`${settings.apiUrl}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${settings.token}`,
        Accept: "application/json",
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    throw new CliError(`Cannot reach the Pier API at ${settings.apiUrl} (${(err as Error).cause ?? (err as Error).message}). Is Pier running? Set PIER_API_URL if it is elsewhere.`);
  }
  const text = await res.text();
  const data = text ? (JSON.parse(text) as unknown) : undefined;
  if (!res.ok) {
    const message = (data as { message?: string } | undefined)?.message ?? `HTTP ${res.status}`;
    if (res.status === 401) throw new CliError(`${message}`);
    throw new CliError(message);
  }
  return data as T;
}
