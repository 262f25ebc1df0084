import { realpathSync } from "node:fs";
import { git } from "./git.js";

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * Points git at `pier git:credential` for the API's origin in this repo, so `git push pier main`
 * authenticates with the same token as the CLI (PIER_API_KEY or the stored login). git runs a
 * `!`-helper through the shell, so the two fixed paths are quoted.
 */
export async function configureGitCredentials(gitUrl: string): Promise<void> {
  const origin = new URL(gitUrl).origin;
  const helper = `!${quote(process.execPath)} ${quote(realpathSync(process.argv[1]!))} git:credential`;
  await git(["config", "--local", "--replace-all", `credential.${origin}.helper`, helper]);
}
