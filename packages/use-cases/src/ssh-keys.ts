import type { SshKey } from "@pier/db";
import { recordAudit } from "./audit.js";
import type { Actor, Deps } from "./deps.js";
import { notFound, UseCaseError } from "./errors.js";
import { parsePublicKey } from "./ssh-public-key.js";
import { issueToken } from "./api-tokens.js";

const MAX_KEYS = 50;

/** `pier keys:add`: lets the caller push over SSH with this key. */
export async function addSshKey(params: { publicKey: string }, actor: Actor, deps: Pick<Deps, "prisma">): Promise<SshKey> {
  const parsed = parsePublicKey(params.publicKey);
  if (!parsed.ok) throw new UseCaseError("invalid_params", parsed.error);
  const existing = await deps.prisma.sshKey.findUnique({ where: { fingerprint: parsed.key.fingerprint } });
  if (existing) {
    if (existing.userId === actor.userId) return existing;
    throw new UseCaseError("conflict", "This key belongs to another Pier account: each key opens one account; make a new key with ssh-keygen -t ed25519");
  }
  if ((await deps.prisma.sshKey.count({ where: { userId: actor.userId } })) >= MAX_KEYS) {
    throw new UseCaseError("invalid_params", `An account can have at most ${MAX_KEYS} SSH keys: remove one with pier keys:remove`);
  }
  const key = await deps.prisma.sshKey.create({
    data: { userId: actor.userId, publicKey: parsed.key.line, fingerprint: parsed.key.fingerprint, comment: parsed.key.comment },
  });
  await recordAudit({ action: "key.add", details: { fingerprint: key.fingerprint, comment: key.comment } }, actor, deps);
  return key;
}

export const listSshKeys = (actor: Actor, deps: Pick<Deps, "prisma">): Promise<SshKey[]> =>
  deps.prisma.sshKey.findMany({ where: { userId: actor.userId }, orderBy: { createdAt: "asc" } });

/** Removes a key by id, fingerprint or comment. */
export async function removeSshKey(params: { key: string }, actor: Actor, deps: Pick<Deps, "prisma">): Promise<SshKey> {
  const keys = await listSshKeys(actor, deps);
  const matches = keys.filter((k) => k.id === params.key || k.fingerprint === params.key || (k.comment !== "" && k.comment === params.key));
  if (matches.length === 0) throw notFound("SSH key");
  if (matches.length > 1) throw new UseCaseError("invalid_params", `${matches.length} keys have the comment "${params.key}": remove by fingerprint (pier keys)`);
  const key = matches[0]!;
  await deps.prisma.sshKey.delete({ where: { id: key.id } });
  await recordAudit({ action: "key.remove", details: { fingerprint: key.fingerprint, comment: key.comment } }, actor, deps);
  return key;
}

/**
 * The SSH endpoint's authentication: the actor owning a key with this fingerprint, or undefined
 * (the connection is then refused).
 */
export async function actorForSshKey(fingerprint: string, deps: Pick<Deps, "prisma">): Promise<(Actor & { publicKey: string }) | undefined> {
  const key = await deps.prisma.sshKey.findUnique({ where: { fingerprint }, include: { user: true } });
  if (!key || key.user.disabledAt) return undefined;
  await deps.prisma.sshKey.update({ where: { id: key.id }, data: { lastUsedAt: new Date() } });
  return { userId: key.userId, isAdmin: key.user.isAdmin, publicKey: key.publicKey };
}

/** A short-lived API token for one SSH push: the pre-receive hook uploads the build with it. */
export async function pushToken(actor: Actor, deps: Pick<Deps, "prisma">): Promise<{ token: string; revoke(): Promise<void> }> {
  const { row, token } = await issueToken(actor.userId, { name: "git push over SSH", expiresIn: 3600 }, deps);
  return { token, revoke: async () => void (await deps.prisma.apiToken.deleteMany({ where: { id: row.id } })) };
}
