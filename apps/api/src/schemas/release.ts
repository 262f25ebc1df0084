import { Type } from "@sinclair/typebox";
import { Nullable, Timestamp } from "./common.js";

/** Heroku Platform API v3 release. */
export const ReleaseSchema = Type.Object(
  {
    id: Type.String(),
    version: Type.Integer(),
    description: Type.String(),
    status: Type.Union([Type.Literal("pending"), Type.Literal("succeeded"), Type.Literal("failed")]),
    current: Type.Boolean(),
    eligible_for_rollback: Type.Boolean(),
    created_at: Timestamp,
    updated_at: Timestamp,
    app: Type.Object({ id: Type.String(), name: Type.String() }),
    user: Nullable(Type.Object({ id: Type.String(), email: Type.String() })),
    slug: Nullable(Type.Object({ id: Type.String() })),
    addon_plan_names: Type.Array(Type.String()),
    output_stream_url: Type.Null(),
    error: Nullable(Type.String()),
  },
  { title: "Release", additionalProperties: true },
);

export const RollbackBody = Type.Object(
  { release: Type.String({ minLength: 1, maxLength: 100, description: "id or version of the release to roll back to" }) },
  { additionalProperties: true },
);

export const ConfigVarsSchema = Type.Record(Type.String(), Type.String(), { title: "ConfigVars" });
// Values are checked by the use case: a schema union with null would let Ajv coerce null to "".
export const ConfigVarsPatch = Type.Record(Type.String({ maxLength: 200 }), Type.Unknown(), {
  description: "{KEY: value} sets, {KEY: null} unsets",
});
