import { Type } from "@sinclair/typebox";
import { IdName, Nullable, Timestamp } from "./common.js";

/** Heroku Platform API v3 app, with the fields its clients read. */
export const AppSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    created_at: Timestamp,
    updated_at: Timestamp,
    released_at: Nullable(Timestamp),
    web_url: Type.String(),
    git_url: Type.String(),
    maintenance: Type.Boolean(),
    owner: Type.Object({ id: Type.String(), email: Nullable(Type.String()) }),
    region: IdName,
    stack: IdName,
    build_stack: IdName,
    buildpack_provided_description: Nullable(Type.String()),
    archived_at: Type.Null(),
    acm: Type.Boolean(),
    internal_routing: Type.Null(),
    organization: Type.Null(),
    team: Type.Null(),
    space: Type.Null(),
    repo_size: Nullable(Type.Integer()),
    slug_size: Nullable(Type.Integer()),
  },
  { title: "App", additionalProperties: true },
);

export const CreateAppBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    region: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    stack: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  },
  { additionalProperties: true },
);

export const UpdateAppBody = Type.Object(
  { name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })), maintenance: Type.Optional(Type.Boolean()) },
  { additionalProperties: true },
);
