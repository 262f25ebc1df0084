import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import {
  createBackupQueue, deleteBackup, getBackup, getBackupSchedule, listBackups, openBackupDownload, requestBackup, requestRestore, updateBackupSchedule, type Deps,
} from "@pier/use-cases";
import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { actorOf } from "../../plugins/auth.js";
import { withErrors } from "../../schemas/common.js";
import { presentBackup, presentSchedule } from "./presenter.js";
import { AddonParams, BackupParams, BackupSchema, RestoreBody, ScheduleBody, ScheduleSchema } from "./schema.js";

const tags = ["backups"];
const base = "/apps/:app/addons/:addon";

/**
 * Backups of an app's database add-ons: list, capture (the worker takes it), info, download
 * (the stored gzip file with its sha256), restore (waits for the worker), delete, daily schedule.
 */
export function backupRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const backupQueue = createBackupQueue(deps.redis);
  app.addHook("onClose", () => backupQueue.close());
  const withQueue = { ...deps, backupQueue };

  r.get(`${base}/backups`, { schema: { tags, summary: "An add-on's backups, newest first", params: AddonParams, response: withErrors({ 200: Type.Array(BackupSchema) }, 404) } }, async (req) => {
    const { addon, backups } = await listBackups(req.params, actorOf(req), deps);
    return backups.map((b) => presentBackup(b, addon));
  });

  r.post(`${base}/backups`, { schema: { tags, summary: "Capture a backup now (202: the worker takes it; poll its state)", params: AddonParams, response: withErrors({ 202: BackupSchema }, 404, 409) } }, async (req, reply) => {
    const { addon, backup } = await requestBackup(req.params, actorOf(req), withQueue);
    return reply.status(202).send(presentBackup(backup, addon));
  });

  r.get(`${base}/backups/:backup`, { schema: { tags, summary: "One backup: state, size, checksum, error", params: BackupParams, response: withErrors({ 200: BackupSchema }, 404) } }, async (req) => {
    const { addon, backup } = await getBackup(req.params, actorOf(req), deps);
    return presentBackup(backup, addon);
  });

  r.get(
    `${base}/backups/:backup/download`,
    {
      schema: {
        tags, summary: "The backup's gzip file; X-Checksum-Sha256 carries its sha256 (checked before sending: 409 when the stored file no longer matches)",
        params: BackupParams, response: withErrors({ 200: Type.String({ format: "binary" }) }, 404, 409),
      },
    },
    async (req, reply) => {
      const d = await openBackupDownload(req.params, actorOf(req), deps);
      return reply
        .type("application/gzip")
        .header("content-length", d.sizeBytes)
        .header("content-disposition", `attachment; filename="${d.fileName}"`)
        .header("x-checksum-sha256", d.backup.sha256)
        .header("digest", `sha-256=${Buffer.from(d.backup.sha256, "hex").toString("base64")}`)
        .send(d.body);
    },
  );

  r.post(
    `${base}/backups/:backup/actions/restore`,
    { schema: { tags, summary: "Restore into the backup's add-on or another of the same kind (replaces its data; waits until done)", params: BackupParams, body: RestoreBody, response: withErrors({ 200: Type.Object({ message: Type.String() }) }, 404, 409, 422, 503) } },
    async (req) => {
      const { outcome } = await requestRestore({ ...req.params, to: req.body.to, toApp: req.body.to_app, confirm: req.body.confirm }, actorOf(req), withQueue);
      return { message: outcome.message };
    },
  );

  r.delete(`${base}/backups/:backup`, { schema: { tags, summary: "Delete a finished backup (its file, then its record)", params: BackupParams, response: withErrors({ 200: BackupSchema }, 404, 409) } }, async (req) => {
    const { addon } = await getBackup(req.params, actorOf(req), deps);
    return presentBackup(await deleteBackup(req.params, actorOf(req), deps), addon);
  });

  r.get(`${base}/backup-schedule`, { schema: { tags, summary: "The add-on's daily backup schedule", params: AddonParams, response: withErrors({ 200: ScheduleSchema }, 404) } }, async (req) =>
    presentSchedule((await getBackupSchedule(req.params, actorOf(req), deps)).schedule),
  );

  r.patch(
    `${base}/backup-schedule`,
    { schema: { tags, summary: "Change the daily backup hour (UTC), retention, or turn it off", params: AddonParams, body: ScheduleBody, response: withErrors({ 200: ScheduleSchema }, 404, 422) } },
    async (req) => {
      const b = req.body;
      return presentSchedule((await updateBackupSchedule({ ...req.params, hourUtc: b.hour_utc, retain: b.retain, enabled: b.enabled }, actorOf(req), deps)).schedule);
    },
  );
}
