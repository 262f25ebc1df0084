import { Type } from "@sinclair/typebox";
import { Nullable, Ref, Timestamp } from "../../schemas/common.js";

export const BackupSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String({ description: "b001, b002, … per add-on" }),
    number: Type.Integer(),
    state: Type.Union([Type.Literal("pending"), Type.Literal("running"), Type.Literal("succeeded"), Type.Literal("failed")]),
    trigger: Type.Union([Type.Literal("manual"), Type.Literal("scheduled")]),
    addon: Type.Object({ id: Type.String(), name: Type.String(), kind: Type.String() }),
    size_bytes: Nullable(Type.Integer({ description: "of the stored gzip file" })),
    sha256: Nullable(Type.String({ description: "of the stored gzip file, checked before every restore and download" })),
    error: Nullable(Type.String({ description: "why the backup failed" })),
    created_at: Timestamp,
    started_at: Nullable(Timestamp),
    finished_at: Nullable(Timestamp),
  },
  { title: "Backup", additionalProperties: false },
);

export const ScheduleSchema = Type.Object(
  {
    enabled: Type.Boolean(),
    hour_utc: Type.Integer({ minimum: 0, maximum: 23 }),
    retain: Type.Integer({ minimum: 1 }),
    custom: Type.Boolean({ description: "false: the installation's default (PIER_BACKUP_HOUR, PIER_BACKUP_RETAIN)" }),
  },
  { title: "BackupSchedule" },
);

export const ScheduleBody = Type.Object(
  {
    enabled: Type.Optional(Type.Boolean()),
    hour_utc: Type.Optional(Type.Integer({ minimum: 0, maximum: 23 })),
    retain: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  },
  { additionalProperties: false },
);

export const AddonParams = Type.Object({ app: Ref("app name or id"), addon: Ref("add-on name or id") });
export const BackupParams = Type.Object({ app: AddonParams.properties.app, addon: AddonParams.properties.addon, backup: Ref("backup name (b004) or id") });

export const RestoreBody = Type.Object(
  {
    to: Type.Optional(Ref("add-on to restore into (default: the backup's own)")),
    to_app: Type.Optional(Ref("the app of `to`, when it is another app")),
    confirm: Type.String({ minLength: 1, maxLength: 200, description: "the target add-on's name: a restore replaces its data" }),
  },
  { additionalProperties: false },
);
