import { CliError } from "./api-client.js";
import { appFromGitUrl, remoteUrl } from "./git.js";

/** `--app NAME`, else the app the `pier` git remote points at. */
export async function resolveAppName(flags: Record<string, string | true>): Promise<string> {
  if (typeof flags.app === "string") return flags.app;
  const url = await remoteUrl("pier");
  const name = url ? appFromGitUrl(url) : undefined;
  if (!name) throw new CliError("No app specified: pass --app NAME, or run this in a git repo with a `pier` remote.");
  return name;
}
