import type { Deps } from "./deps.js";
import { isUniqueViolation } from "./unique-violation.js";

/** This installation's id (made on first use). Containers carry it so installations sharing an engine stay apart. */
export async function installationId(deps: Pick<Deps, "prisma">): Promise<string> {
  try {
    return (await deps.prisma.installation.upsert({ where: { key: "installation" }, create: {}, update: {} })).id;
  } catch (err) {
    // The API and the worker start together: when both create the row, the one that lost reads it.
    if (!isUniqueViolation(err)) throw err;
    return (await deps.prisma.installation.findUniqueOrThrow({ where: { key: "installation" } })).id;
  }
}
