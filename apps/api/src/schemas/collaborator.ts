import { Type } from "@sinclair/typebox";
import { Timestamp } from "./common.js";

export const CollaboratorSchema = Type.Object(
  {
    id: Type.String(),
    app: Type.Object({ id: Type.String(), name: Type.String() }),
    user: Type.Object({ id: Type.String(), email: Type.String() }),
    role: Type.Union([Type.Literal("owner"), Type.Literal("collaborator")]),
    permissions: Type.Array(Type.Object({ name: Type.String() })),
    created_at: Timestamp,
    updated_at: Timestamp,
  },
  { title: "Collaborator", additionalProperties: true },
);

export const AddCollaboratorBody = Type.Object(
  { user: Type.String({ minLength: 3, maxLength: 254, description: "email of an existing user" }), silent: Type.Optional(Type.Boolean()) },
  { additionalProperties: true },
);

export const AuditEventSchema = Type.Object(
  {
    id: Type.String(),
    created_at: Timestamp,
    actor: Type.Object({ id: Type.Union([Type.String(), Type.Null()]), email: Type.String() }),
    action: Type.String(),
    app: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
    details: Type.Record(Type.String(), Type.Unknown()),
  },
  { title: "AuditEvent" },
);
