import { EXIT, exitCodeForStatus } from "./exit-codes.js";
import type { Settings } from "./settings.js";

/** A failure the user can act on; main prints `message` alone (one line) and exits with `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failure,
  ) {
    super(message);
  }
}

export interface ApiResponse<T> {
  status: number;
  headers: Headers;
  data: T;
}

/** What to do next, by status, after the API's own message. */
const HINTS: Record<number, string> = {
  401: "Log in with `pier login` (or set PIER_API_KEY).",
  404: "Check the name with `pier apps` (or pass --app NAME).",
};

export async function apiResponse<T>(
  settings: Settings,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
  opts: { anonymous?: boolean } = {},
): Promise<ApiResponse<T>> {
  if (!settings.token && !opts.anonymous) throw new CliError("Not logged in: run `pier login` or set PIER_API_KEY.", EXIT.unauthorized);
  let res: Response;
  try {
    res = await fetch(`${settings.apiUrl}${path}`, {
      method,
      headers: {
        ...(settings.token ? { Authorization: `Bearer ${settings.token}` } : {}),
        Accept: "application/vnd.heroku+json; version=3",
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    const cause = (err as Error & { cause?: Error }).cause?.message ?? (err as Error).message;
    throw new CliError(`Cannot reach the Pier API at ${settings.apiUrl} (${cause}). Is Pier running? Set PIER_API_URL if it is elsewhere.`, EXIT.unavailable);
  }
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!res.ok) {
    const message = (data as { message?: string } | undefined)?.message ?? `The API answered HTTP ${res.status}.`;
    const hint = HINTS[res.status] && !message.includes("pier ") ? ` ${HINTS[res.status]}` : "";
    throw new CliError(`${message.replace(/\s+/g, " ").trim()}${hint}`, exitCodeForStatus(res.status));
  }
  return { status: res.status, headers: res.headers, data: data as T };
}

export async function api<T>(settings: Settings, method: string, path: string, body?: unknown): Promise<T> {
  return (await apiResponse<T>(settings, method, path, body)).data;
}
