import type { ApiToken } from "@pier/db";
import { recordAudit } from "./audit.js";
import type { Actor, Deps } from "./deps.js";
import { notFound, UseCaseError } from "./errors.js";
import { generateToken, hashToken } from "./tokens.js";

export interface CreateTokenParams {
  name: string;
  /** Seconds until the token stops working; none means it lasts until revoked. */
  expiresIn?: number;
}

const MAX_EXPIRY_SECONDS = 10 * 365 * 24 * 3600;

/** Makes a token for `userId`; the token itself is returned once and only its hash is kept. */
export async function issueToken(userId: string, params: CreateTokenParams, deps: Pick<Deps, "prisma">): Promise<{ row: ApiToken; token: string }> {
  const name = params.name.trim();
  if (name.length < 1 || name.length > 100) throw new UseCaseError("invalid_params", "A token name must have 1 to 100 characters.");
  if (params.expiresIn !== undefined && (!Number.isInteger(params.expiresIn) || params.expiresIn < 60 || params.expiresIn > MAX_EXPIRY_SECONDS)) {
    throw new UseCaseError("invalid_params", `expires_in must be a whole number of seconds from 60 to ${MAX_EXPIRY_SECONDS}.`);
  }
  const token = generateToken();
  const row = await deps.prisma.apiToken.create({
    data: {
      userId,
      name,
      tokenHash: hashToken(token),
      expiresAt: params.expiresIn ? new Date(Date.now() + params.expiresIn * 1000) : null,
    },
  });
  return { row, token };
}

export async function createToken(params: CreateTokenParams, actor: Actor, deps: Pick<Deps, "prisma">) {
  const issued = await issueToken(actor.userId, params, deps);
  await recordAudit({ action: "token.create", details: { token: issued.row.id, name: issued.row.name } }, actor, deps);
  return issued;
}

export const listTokens = (actor: Actor, deps: Pick<Deps, "prisma">): Promise<ApiToken[]> =>
  deps.prisma.apiToken.findMany({ where: { userId: actor.userId }, orderBy: { createdAt: "asc" } });

/** Revokes one of the caller's tokens by id (or by name when the name is unique). */
export async function revokeToken(params: { id: string }, actor: Actor, deps: Pick<Deps, "prisma">): Promise<ApiToken> {
  const mine = await listTokens(actor, deps);
  const byId = mine.find((t) => t.id === params.id);
  const byName = mine.filter((t) => t.name === params.id);
  const row = byId ?? (byName.length === 1 ? byName[0] : undefined);
  if (!row) {
    if (byName.length > 1) throw new UseCaseError("conflict", `Several tokens are named ${params.id}: revoke one by its id (see \`pier tokens\`).`);
    throw notFound("token");
  }
  await deps.prisma.apiToken.delete({ where: { id: row.id } });
  await recordAudit({ action: "token.revoke", details: { token: row.id, name: row.name } }, actor, deps);
  return row;
}
