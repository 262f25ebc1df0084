import { join } from "node:path";
import { backupDir, LocalDirectoryTarget } from "./local-target.js";
import type { BackupTarget } from "./target.js";

type Env = Record<string, string | undefined>;

/** The target new backups go to (PIER_BACKUP_TARGET) and every target old backups may be in. */
export interface BackupTargets {
  currentName: string;
  named(name: string): Promise<BackupTarget>;
}

/**
 * PIER_BACKUP_TARGET=local (default: PIER_BACKUP_DIR) or s3 (PIER_BACKUP_S3_BUCKET, _PREFIX,
 * _ENDPOINT, _REGION, _ACCESS_KEY_ID, _SECRET_ACCESS_KEY; without keys the AWS SDK's usual
 * credential chain applies). Backups taken before a change of target stay readable where they are.
 * The S3 client is loaded only when used (it is large, and only some installations want it).
 */
export function backupTargetsFromEnv(env: Env, dataDir: string): BackupTargets {
  const local = new LocalDirectoryTarget(backupDir(env, dataDir));
  const currentName = env.PIER_BACKUP_TARGET || "local";
  if (currentName !== "local" && currentName !== "s3") throw new Error(`unknown backup target "${currentName}": PIER_BACKUP_TARGET is local or s3`);
  let s3: Promise<BackupTarget> | undefined;
  const s3Target = async (): Promise<BackupTarget> => {
    const bucket = env.PIER_BACKUP_S3_BUCKET;
    if (!bucket) throw new Error("backups in S3 need PIER_BACKUP_S3_BUCKET (and PIER_BACKUP_S3_ENDPOINT for an S3-compatible server)");
    const { S3Target } = await import("./s3-target.js");
    const settings = { bucket, prefix: env.PIER_BACKUP_S3_PREFIX ?? "", endpoint: env.PIER_BACKUP_S3_ENDPOINT || undefined, region: env.PIER_BACKUP_S3_REGION || "us-east-1", accessKeyId: env.PIER_BACKUP_S3_ACCESS_KEY_ID, secretAccessKey: env.PIER_BACKUP_S3_SECRET_ACCESS_KEY };
    return new S3Target(settings, join(local.dir, ".scratch"));
  };
  return {
    currentName,
    named: async (name) => {
      if (name === "local") return local;
      if (name === "s3") return (s3 ??= s3Target());
      throw new Error(`unknown backup target "${name}": PIER_BACKUP_TARGET is local or s3`);
    },
  };
}
