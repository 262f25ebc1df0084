import { realpathSync } from "node:fs";
import { dirname, join } from "node:path";
import { git } from "./git.js";

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * The `credential.<origin>.helper` value: git runs a `!`-helper through the shell with the action
 * (get, store, erase) appended. It answers `get` without starting node when PIER_API_KEY is set,
 * ignores store/erase (nothing to store: the token lives in the env or the CLI's settings), and
 * otherwise runs the small `git-credential-main.js` program, which imports nothing heavy: git
 * asks twice per push, and starting the whole CLI cost about 0.3 s each time. Only the two fixed
 * paths are interpolated, quoted.
 */
export function gitCredentialHelper(nodePath: string, helperScript: string): string {
  return (
    `!f() { cat >/dev/null; test "$1" = get || exit 0; ` +
    `if test -n "$PIER_API_KEY"; then printf 'username=pier\\npassword=%s\\n' "$PIER_API_KEY"; exit 0; fi; ` +
    `exec ${quote(nodePath)} ${quote(helperScript)} get </dev/null; }; f`
  );
}

/**
 * Points git at Pier's credential helper for the API's origin in this repo, so `git push pier
 * main` authenticates with the same token as the CLI (PIER_API_KEY or the stored login).
 */
export async function configureGitCredentials(gitUrl: string): Promise<void> {
  const origin = new URL(gitUrl).origin;
  const script = join(dirname(realpathSync(process.argv[1]!)), "git-credential-main.js");
  await git(["config", "--local", "--replace-all", `credential.${origin}.helper`, gitCredentialHelper(process.execPath, script)]);
}
