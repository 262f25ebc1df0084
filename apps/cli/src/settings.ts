import { mkdir, readFile, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { dirname, join } from "node:path";

/** Where the CLI keeps the API URL and token between runs; env vars override it. */
export interface Settings {
  apiUrl: string;
  token?: string;
}

export const settingsPath = () => join(process.env.XDG_CONFIG_HOME || join(homedir(), ".config"), "pier", "config.json");

export async function readStoredSettings(): Promise<Partial<Settings>> {
  try {
    return JSON.parse(await readFile(settingsPath(), "utf8")) as Partial<Settings>;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw new Error(`Cannot read ${settingsPath()}: ${(err as Error).message}`);
  }
}

export async function writeStoredSettings(settings: Settings): Promise<void> {
  const file = settingsPath();
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  await writeFile(file, `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600 });
}

export async function resolveSettings(env = process.env): Promise<Settings> {
  const stored = await readStoredSettings();
  return {
    apiUrl: (env.PIER_API_URL || stored.apiUrl || "http://127.0.0.1:5000").replace(/\/+$/, ""),
    token: env.PIER_API_KEY || stored.token,
  };
}
