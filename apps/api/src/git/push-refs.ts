/** What a push asks for, as pre-receive reads it from stdin: `<old> <new> <ref>` per line. */
export interface RefUpdate {
  oldSha: string;
  newSha: string;
  ref: string;
}

const ZERO = /^0+$/;
export const DEPLOY_BRANCHES = ["refs/heads/main", "refs/heads/master"];

export function parseRefUpdates(stdin: string): RefUpdate[] {
  return stdin
    .split("\n")
    .map((l) => l.trim().split(/\s+/))
    .filter((parts) => parts.length === 3)
    .map(([oldSha, newSha, ref]) => ({ oldSha: oldSha!, newSha: newSha!, ref: ref! }));
}

/** Pure: which commit to deploy, or why the push is refused. */
export function choosePushToDeploy(updates: RefUpdate[]): { ok: true; sha: string } | { ok: false; error: string } {
  const deploys = updates.filter((u) => DEPLOY_BRANCHES.includes(u.ref));
  if (deploys.length === 0 || deploys.length !== updates.length) {
    const other = updates.find((u) => !DEPLOY_BRANCHES.includes(u.ref))?.ref ?? "nothing";
    return { ok: false, error: `Pier deploys the main branch only (got ${other}): push with \`git push pier main\` or \`git push pier HEAD:main\`.` };
  }
  if (deploys.length > 1) return { ok: false, error: "Push one of main or master, not both." };
  const u = deploys[0]!;
  if (ZERO.test(u.newSha)) return { ok: false, error: "Deleting the deployed branch is not allowed." };
  return { ok: true, sha: u.newSha };
}
