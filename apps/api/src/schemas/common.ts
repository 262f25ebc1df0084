import { Type, type TSchema } from "@sinclair/typebox";

/** Heroku's error body; every 4xx and 5xx has this shape. */
export const ErrorBody = Type.Object({ id: Type.String(), message: Type.String() }, { title: "Error", description: "What went wrong and what to do next." });

/** Responses every authenticated route may give besides its own. */
export function withErrors(ok: Record<number, TSchema>, ...codes: number[]): Record<number, TSchema> {
  const out: Record<number, TSchema> = { ...ok };
  for (const code of [400, 401, 429, ...codes]) out[code] = ErrorBody;
  return out;
}

/** A resource named by id or name, as Heroku's paths allow. */
export const Ref = (description: string) => Type.String({ minLength: 1, maxLength: 200, description });

export const AppParams = Type.Object({ app: Ref("app name or id") });

export const Timestamp = Type.String({ format: "date-time" });
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** A `{id, name}` reference (region, stack, ...). */
export const IdName = Type.Object({ id: Type.String(), name: Type.String() });

/** The Range header list endpoints read (see docs/api.md, "Pagination"). */
export const RangeHeaders = Type.Object(
  { range: Type.Optional(Type.String({ maxLength: 1000, description: "e.g. `version ..; max=15, order=desc`" })) },
  { additionalProperties: true },
);
