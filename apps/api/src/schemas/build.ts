import { Type } from "@sinclair/typebox";
import { Nullable, Timestamp } from "./common.js";

/** Heroku Platform API v3 build. */
export const BuildSchema = Type.Object(
  {
    id: Type.String(),
    status: Type.Union([Type.Literal("pending"), Type.Literal("succeeded"), Type.Literal("failed")]),
    created_at: Timestamp,
    updated_at: Timestamp,
    app: Type.Object({ id: Type.String(), name: Type.String() }),
    source_blob: Type.Object({ checksum: Type.Null(), url: Nullable(Type.String()), version: Nullable(Type.String()), version_description: Type.Null() }),
    buildpacks: Type.Array(Type.Object({ name: Type.String(), url: Type.String() })),
    stack: Type.String(),
    output_stream_url: Type.String(),
    release: Nullable(Type.Object({ id: Type.String() })),
    slug: Nullable(Type.Object({ id: Type.String() })),
    user: Nullable(Type.Object({ id: Type.String() })),
    error: Nullable(Type.String()),
  },
  { title: "Build", additionalProperties: true },
);
