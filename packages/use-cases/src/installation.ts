import type { Deps } from "./deps.js";

/** This installation's id (made on first use). Containers carry it so installations sharing an engine stay apart. */
export async function installationId(deps: Pick<Deps, "prisma">): Promise<string> {
  const row = await deps.prisma.installation.upsert({ where: { key: "installation" }, create: {}, update: {} });
  return row.id;
}
