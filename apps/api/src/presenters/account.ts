import type { ApiToken, User } from "@pier/db";

export function presentAccount(user: User) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    admin: user.isAdmin,
    has_password: user.passwordHash !== null,
    disabled: user.disabledAt !== null,
    created_at: user.createdAt.toISOString(),
    updated_at: user.updatedAt.toISOString(),
    allow_tracking: false,
    beta: false,
    verified: true,
    two_factor_authentication: false,
    default_organization: null,
    default_team: null,
  };
}

export function presentToken(token: ApiToken, currentTokenId?: string) {
  return {
    id: token.id,
    name: token.name,
    created_at: token.createdAt.toISOString(),
    expires_at: token.expiresAt?.toISOString() ?? null,
    last_used_at: token.lastUsedAt?.toISOString() ?? null,
    current: token.id === currentTokenId,
  };
}
