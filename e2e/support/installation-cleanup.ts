import { createPrisma } from "@pier/db";
import { run } from "./run.js";

/** The installation id a test Pier recorded in its database (null when it never got that far). */
export async function installationIdOf(databaseUrl: string): Promise<string | null> {
  const prisma = createPrisma(databaseUrl);
  try {
    return (await prisma.installation.findFirst())?.id ?? null;
  } catch {
    return null; // the database was never created or migrated: Pier made nothing in Docker either
  } finally {
    await prisma.$disconnect();
  }
}

/**
 * Removes what a stopped test Pier left in the local engine: its instances (the reconciler is no
 * longer there to stop them), add-on servers, their volumes and the apps' networks. Everything
 * Pier creates carries its installation's label, so other installations are never touched.
 */
export async function removeInstallationResources(installationId: string): Promise<void> {
  const label = `label=pier.installation=${installationId}`;
  const list = async (argv: string[]) => (await run([...argv, "--filter", label])).stdout.split("\n").filter(Boolean);
  const containers = await list(["docker", "ps", "-aq"]);
  if (containers.length > 0) await run(["docker", "rm", "-f", "-v", ...containers]);
  const networks = await list(["docker", "network", "ls", "-q"]);
  if (networks.length > 0) await run(["docker", "network", "rm", ...networks]);
  const volumes = await list(["docker", "volume", "ls", "-q"]);
  if (volumes.length > 0) await run(["docker", "volume", "rm", "-f", ...volumes]);
}
