/** What an SSH client asks to run: git's two smart-protocol services on `<app>.git`. */
export type GitSshCommand = { ok: true; service: "git-receive-pack" | "git-upload-pack"; app: string } | { ok: false; error: string };

const COMMAND = /^(git-receive-pack|git-upload-pack|git receive-pack|git upload-pack) +'?\/?([A-Za-z0-9][A-Za-z0-9_.-]*?)(?:\.git)?\/?'?$/;

/** Pure: parses `git-receive-pack '/shop.git'` (what `git push ssh://git@host/shop.git` sends). */
export function parseGitSshCommand(command: string): GitSshCommand {
  const m = COMMAND.exec(command.trim());
  if (!m) return { ok: false, error: "Pier's SSH endpoint serves git only: push with `git push ssh://git@HOST:PORT/APP.git main`" };
  const service = m[1]!.replace(" ", "-") as "git-receive-pack" | "git-upload-pack";
  return { ok: true, service, app: m[2]! };
}
