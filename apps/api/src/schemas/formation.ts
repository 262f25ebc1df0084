import { Type } from "@sinclair/typebox";
import { Nullable, Timestamp } from "./common.js";

/** Heroku Platform API v3 formation: desired quantity and size of one process type. */
export const FormationSchema = Type.Object(
  {
    id: Type.String(),
    type: Type.String(),
    quantity: Type.Integer(),
    size: Type.String(),
    command: Nullable(Type.String()),
    created_at: Timestamp,
    updated_at: Timestamp,
    app: Type.Object({ id: Type.String(), name: Type.String() }),
  },
  { title: "Formation", additionalProperties: true },
);

const Quantity = Type.Union([Type.Integer({ minimum: 0 }), Type.String({ maxLength: 10, description: 'absolute ("3") or relative ("+1", "-1")' })]);
const Size = Type.String({ maxLength: 50, description: "basic, standard, performance-m, performance-l" });

export const FormationUpdateBody = Type.Object({ quantity: Type.Optional(Quantity), size: Type.Optional(Size) }, { additionalProperties: true });

export const FormationBatchBody = Type.Object(
  { updates: Type.Array(Type.Object({ type: Type.String({ maxLength: 30 }), quantity: Type.Optional(Quantity), size: Type.Optional(Size) }, { additionalProperties: true }), { maxItems: 50 }) },
  { additionalProperties: true },
);

export const FormationParams = Type.Object({ app: Type.String({ minLength: 1, maxLength: 200 }), type: Type.String({ minLength: 1, maxLength: 30 }) });
