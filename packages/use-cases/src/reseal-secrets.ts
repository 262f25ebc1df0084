import { keyId, openValue, sealedWithCurrent, sealValue } from "@pier/secret-box-core";
import { recordAudit } from "./audit.js";
import { publishCertificates } from "./certificates.js";
import type { Actor, Deps } from "./deps.js";
import { secretKey } from "./secret-box.js";
import { requireAdmin } from "./users.js";

export interface ResealReport {
  /** The current key's id (the `v2:<id>:` prefix every sealed value now carries). */
  keyId: string;
  configVars: number;
  releases: number;
  certificates: number;
  addons: number;
}

const PAGE = 200;

/**
 * The second step of a secret key rotation (docs/operating.md): with PIER_SECRET_KEY set to the
 * new key and the old one in PIER_SECRET_KEY_PREVIOUS, re-seals every sealed column (config
 * vars, the config snapshot of every release, certificate keys, add-on passwords) under the new key, then
 * republishes the certificate bundle the routers read. Values already sealed with the new key
 * are left alone, so running it again (after an interruption) finishes the job. Each row is
 * written only if it still holds the value that was read: a concurrent change wins.
 */
export async function resealSecrets(actor: Actor | undefined, deps: Pick<Deps, "prisma" | "redis" | "config">): Promise<ResealReport> {
  if (actor) requireAdmin(actor);
  const keys = await secretKey(deps.config);
  const reseal = (stored: string, what: string) => (sealedWithCurrent(keys, stored) ? stored : sealValue(keys, openValue(keys, stored, what)));
  const report: ResealReport = { keyId: keyId(keys.current), configVars: 0, releases: 0, certificates: 0, addons: 0 };

  for await (const rows of pages((cursor) => deps.prisma.configVar.findMany({ where: cursor, orderBy: { id: "asc" }, take: PAGE }))) {
    for (const row of rows) {
      const value = reseal(row.value, `config var ${row.key}`);
      if (value === row.value) continue;
      report.configVars += (await deps.prisma.configVar.updateMany({ where: { id: row.id, value: row.value }, data: { value } })).count;
    }
  }
  for await (const rows of pages((cursor) => deps.prisma.release.findMany({ where: cursor, orderBy: { id: "asc" }, take: PAGE, select: { id: true, version: true, config: true } }))) {
    for (const row of rows) {
      const config = (row.config ?? {}) as Record<string, string>;
      const resealed = Object.fromEntries(Object.entries(config).map(([k, v]) => [k, reseal(v, `config var ${k} of release v${row.version}`)]));
      if (Object.entries(resealed).every(([k, v]) => config[k] === v)) continue;
      // Releases are immutable but for this: their config is replaced by the same values.
      await deps.prisma.release.update({ where: { id: row.id }, data: { config: resealed } });
      report.releases += 1;
    }
  }
  for await (const rows of pages((cursor) => deps.prisma.certificate.findMany({ where: { ...cursor, keySealed: { not: null } }, orderBy: { id: "asc" }, take: PAGE }))) {
    for (const row of rows) {
      const keySealed = reseal(row.keySealed!, `the certificate key of ${row.hostname}`);
      if (keySealed === row.keySealed) continue;
      report.certificates += (await deps.prisma.certificate.updateMany({ where: { id: row.id, keySealed: row.keySealed }, data: { keySealed } })).count;
    }
  }
  for await (const rows of pages((cursor) => deps.prisma.addon.findMany({ where: cursor, orderBy: { id: "asc" }, take: PAGE }))) {
    for (const row of rows) {
      const passwordSealed = reseal(row.passwordSealed, `the password of add-on ${row.name}`);
      if (passwordSealed === row.passwordSealed) continue;
      report.addons += (await deps.prisma.addon.updateMany({ where: { id: row.id, passwordSealed: row.passwordSealed }, data: { passwordSealed } })).count;
    }
  }
  await publishCertificates(deps);
  await recordAudit({ action: "secret_key.rotate", details: { ...report } }, actor, deps);
  return report;
}

/** Keyset pagination by id, so rows are read once whatever the updates do. */
async function* pages<T extends { id: string }>(read: (cursor: { id?: { gt: string } }) => Promise<T[]>): AsyncGenerator<T[]> {
  let after: string | undefined;
  for (;;) {
    const rows = await read(after === undefined ? {} : { id: { gt: after } });
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1]!.id;
  }
}
