import { Prisma, type User } from "@pier/db";
import { recordAudit } from "./audit.js";
import type { Actor, Deps } from "./deps.js";
import { notFound, UseCaseError } from "./errors.js";
import { checkPasswordRules, hashPassword, verifyPassword } from "./passwords.js";
import { isUniqueViolation } from "./unique-violation.js";

const EMAIL = /^[^\s@]{1,100}@[^\s@]{1,150}$/;

export function requireAdmin(actor: Actor): void {
  if (!actor.isAdmin) throw new UseCaseError("forbidden", "Only an admin can do that.");
}

export async function listUsers(actor: Actor, deps: Pick<Deps, "prisma">): Promise<User[]> {
  requireAdmin(actor);
  return deps.prisma.user.findMany({ orderBy: { createdAt: "asc" } });
}

export interface CreateUserParams {
  email: string;
  password?: string;
  name?: string;
  admin?: boolean;
}

export async function createUser(params: CreateUserParams, actor: Actor, deps: Pick<Deps, "prisma">): Promise<User> {
  requireAdmin(actor);
  const email = params.email.trim().toLowerCase();
  if (!EMAIL.test(email)) throw new UseCaseError("invalid_params", `"${params.email.slice(0, 100)}" is not an email address.`);
  if (params.password !== undefined) checkPasswordRules(params.password);
  try {
    const user = await deps.prisma.user.create({
      data: {
        email,
        name: params.name?.slice(0, 200) ?? null,
        isAdmin: params.admin ?? false,
        passwordHash: params.password === undefined ? null : await hashPassword(params.password),
      },
    });
    await recordAudit({ action: "user.create", details: { user: user.id, email, admin: user.isAdmin } }, actor, deps);
    return user;
  } catch (err) {
    if (isUniqueViolation(err)) throw new UseCaseError("conflict", `A user with email ${email} exists already.`);
    throw err;
  }
}

/** A user by id or email, for admins; `~` is the caller. */
export async function findUser(ref: string, actor: Actor, deps: Pick<Deps, "prisma">): Promise<User> {
  if (ref === "~") return deps.prisma.user.findUniqueOrThrow({ where: { id: actor.userId } });
  const user = await deps.prisma.user.findFirst({
    where: /^[0-9a-f-]{36}$/i.test(ref) ? { id: ref } : { email: { equals: ref.toLowerCase(), mode: "insensitive" } },
  });
  // Other users exist only for admins (and for the caller themselves).
  if (!user || (user.id !== actor.userId && !actor.isAdmin)) throw notFound("user");
  return user;
}

export interface UpdateAccountParams {
  name?: string;
  password?: string;
  /** Needed to change a password that is set. */
  currentPassword?: string;
}

export async function updateAccount(params: UpdateAccountParams, actor: Actor, deps: Pick<Deps, "prisma">): Promise<User> {
  const user = await deps.prisma.user.findUniqueOrThrow({ where: { id: actor.userId } });
  const data: Prisma.UserUpdateInput = {};
  if (params.name !== undefined) data.name = params.name.slice(0, 200);
  if (params.password !== undefined) {
    checkPasswordRules(params.password);
    if (user.passwordHash && !(await verifyPassword(params.currentPassword ?? "", user.passwordHash))) {
      throw new UseCaseError("forbidden", "The current password is wrong.");
    }
    data.passwordHash = await hashPassword(params.password);
  }
  const updated = await deps.prisma.user.update({ where: { id: user.id }, data });
  await recordAudit({ action: "account.update", details: { fields: Object.keys(data) } }, actor, deps);
  return updated;
}
