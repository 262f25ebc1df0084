import { Type } from "@sinclair/typebox";
import { IdName, Nullable, Ref, Timestamp } from "../../schemas/common.js";

const State = Type.Union(["provisioning", "available", "failed", "destroyed"].map((s) => Type.Literal(s)));

export const AddonSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String({ description: "also the server's host name on the app's network" }),
    kind: Type.Union([Type.Literal("postgres"), Type.Literal("redis"), Type.Literal("mysql")]),
    addon_service: Type.Object({ name: Type.String(), human_name: Type.String() }),
    plan: Type.Object({
      name: Type.String({ description: "<kind>:<plan>, e.g. postgres:small" }),
      price: Type.Object({ cents: Type.Integer(), unit: Type.String() }, { description: "always 0: Heroku's CLI shows it as free" }),
    }),
    billed_price: Type.Object({ cents: Type.Integer(), contract: Type.Boolean() }),
    app: Nullable(IdName),
    state: Type.Union(["provisioning", "provisioned", "deprovisioned"].map((s) => Type.Literal(s)), {
      description: "Heroku's add-on state; a failed or destroyed add-on is deprovisioned (pier_state tells which)",
    }),
    pier_state: State,
    config_vars: Type.Array(Type.String(), { description: "config vars the owning app gets (e.g. DATABASE_URL)" }),
    attachments: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), app: IdName, config_var: Type.String() })),
    port: Type.Integer(),
    version: Nullable(Type.String()),
    error: Nullable(Type.String({ description: "why provisioning or a restore failed" })),
    destroyed_at: Nullable(Timestamp),
    purge_after: Nullable(Type.String({ format: "date-time", description: "a destroyed add-on's data is deleted after this; restore before" })),
    created_at: Timestamp,
    updated_at: Timestamp,
  },
  { title: "Addon" },
);

export const AttachmentSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String({ description: "config var prefix: DATABASE -> DATABASE_URL" }),
    app: IdName,
    addon: Type.Object({ id: Type.String(), name: Type.String(), app: Nullable(IdName) }),
    config_vars: Type.Array(Type.String()),
    created_at: Timestamp,
  },
  { title: "AddonAttachment" },
);

export const AddonInfoSchema = Type.Intersect(
  [
    AddonSchema,
    Type.Object({
      runtime: Type.Object({
        version: Type.Optional(Type.String()),
        size_bytes: Type.Optional(Type.Integer({ description: "PostgreSQL/MariaDB: data size; Redis: memory used" })),
        connections: Type.Optional(Type.Integer({ description: "client connections now" })),
        error: Type.Optional(Type.String()),
      }),
    }),
  ],
  { title: "AddonInfo" },
);

export const AddonParams = Type.Object({ app: Ref("app name or id"), addon: Ref("add-on name or id") });

export const CreateBody = Type.Object(
  {
    plan: Type.Union([
      Type.String({ maxLength: 100, description: "postgres, redis or mysql, optionally with a plan: postgres:standard (Heroku service names such as heroku-postgresql work too)" }),
      // Heroku's CLI sends {"plan": {"name": "heroku-postgresql:mini"}}.
      Type.Object({ name: Type.String({ maxLength: 100 }) }),
    ]),
    name: Type.Optional(Type.String({ maxLength: 60, description: "add-on name (default: generated, e.g. postgres-amber-12345)" })),
    attachment: Type.Optional(Type.Object({ name: Type.Optional(Type.String({ maxLength: 64, description: "config var prefix: DATABASE -> DATABASE_URL" })) })),
    config: Type.Optional(Type.Object({}, { additionalProperties: true })),
    // Heroku's confirmation to overwrite config vars: Pier never overwrites (it picks another name).
    confirm: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);

/** createAddon's kind and plan from the body's `plan` ("heroku-postgresql:mini" or {name: …}). */
export function kindAndPlan(plan: string | { name: string }): { kind: string; plan: string | undefined } {
  const [kind, name] = (typeof plan === "string" ? plan : plan.name).split(":");
  return { kind: kind ?? "", plan: name || undefined };
}

export const AttachBody = Type.Object(
  {
    addon: Ref("add-on name or id"),
    app: Ref("app that gets the add-on's URL"),
    name: Type.Optional(Type.String({ maxLength: 64, description: "config var prefix (default DATABASE / REDIS / MYSQL, or one derived from the add-on's name when taken)" })),
  },
  { additionalProperties: false },
);

export const ConfirmQuery = Type.Object({ confirm: Type.Optional(Type.String({ maxLength: 60, description: "the add-on's name" })) });
