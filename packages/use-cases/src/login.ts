import { issueToken } from "./api-tokens.js";
import { recordAudit } from "./audit.js";
import type { Actor, Deps } from "./deps.js";
import { notFound, UseCaseError } from "./errors.js";
import { verifyPassword } from "./passwords.js";
import { countAttempt, LOGIN_PER_ADDRESS, LOGIN_PER_EMAIL } from "./rate-limit.js";

export interface LoginParams {
  email: string;
  password: string;
  /** The client's address, for the per-address rate limit. */
  address: string;
  tokenName?: string;
  expiresIn?: number;
}

/** Email + password -> a new API token. Limited per account and per address. */
export async function loginWithPassword(params: LoginParams, deps: Pick<Deps, "prisma" | "redis" | "config">) {
  const email = params.email.trim().toLowerCase();
  await countAttempt(LOGIN_PER_ADDRESS, params.address, deps);
  await countAttempt(LOGIN_PER_EMAIL, email, deps);
  const user = await deps.prisma.user.findFirst({ where: { email: { equals: email, mode: "insensitive" } } });
  const ok = await verifyPassword(params.password, user?.passwordHash ?? null);
  if (!user || !ok) throw new UseCaseError("unauthorized", "Wrong email or password. An admin can set one with `pier users:create` or you can change yours with `pier passwd`.");
  if (user.disabledAt) throw new UseCaseError("forbidden", "This account is disabled: ask an admin to enable it (`pier users:enable`).");
  const { row, token } = await issueToken(user.id, { name: params.tokenName ?? "pier login", expiresIn: params.expiresIn }, deps);
  const actor: Actor = { userId: user.id, isAdmin: user.isAdmin, email: user.email };
  await recordAudit({ action: "login", details: { token: row.id } }, actor, deps);
  return { user, row, token };
}

/** Revokes the token the caller is using. */
export async function logout(actor: Actor, deps: Pick<Deps, "prisma">): Promise<void> {
  if (!actor.tokenId) throw notFound("token");
  await deps.prisma.apiToken.deleteMany({ where: { id: actor.tokenId } });
  await recordAudit({ action: "logout", details: { token: actor.tokenId } }, actor, deps);
}
