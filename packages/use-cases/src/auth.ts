import type { Actor, Deps } from "./deps.js";
import { generateToken, hashToken } from "./tokens.js";

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{10,200}$/;

/** Token -> actor, or undefined for an unknown, malformed or expired token. */
export async function authenticate(token: string, deps: Pick<Deps, "prisma">): Promise<Actor | undefined> {
  if (!TOKEN_SHAPE.test(token)) return undefined;
  const row = await deps.prisma.apiToken.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: true } });
  if (!row || (row.expiresAt && row.expiresAt.getTime() <= Date.now()) || row.user.disabledAt) return undefined;
  // Shown in `pier tokens`; written at most once a minute per token.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await deps.prisma.apiToken.updateMany({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  return { userId: row.userId, isAdmin: row.user.isAdmin, email: row.user.email, tokenId: row.id };
}

export interface BootstrapResult {
  created: boolean;
  email: string;
  token?: string;
}

/** First start: an admin user with one API token. Later starts change nothing. */
export async function bootstrapAdmin(
  params: { email: string },
  deps: Pick<Deps, "prisma">,
): Promise<BootstrapResult> {
  const existing = await deps.prisma.user.findFirst({ where: { isAdmin: true }, orderBy: { createdAt: "asc" } });
  if (existing) return { created: false, email: existing.email };
  const token = generateToken();
  await deps.prisma.user.create({
    data: {
      email: params.email,
      isAdmin: true,
      tokens: { create: { name: "admin (created at first start)", tokenHash: hashToken(token) } },
    },
  });
  return { created: true, email: params.email, token };
}
