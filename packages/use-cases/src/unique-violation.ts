import { Prisma } from "@pier/db";

/** A write refused by a unique constraint (Prisma's P2002): a taken name, or a race another writer won. */
export function isUniqueViolation(err: unknown): boolean {
  return err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002";
}
