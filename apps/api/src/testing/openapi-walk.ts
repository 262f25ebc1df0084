/**
 * Turns the API's own OpenAPI document into requests, so that tests covering "every route" pick up
 * routes added later without being edited.
 */
export interface OpenApiDoc {
  paths: Record<string, Record<string, OpenApiOperation>>;
}

export interface OpenApiOperation {
  parameters?: { name: string; in: string; required?: boolean; schema?: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minimum?: number;
  minLength?: number;
  format?: string;
  additionalProperties?: boolean | JsonSchema;
}

export interface RouteCall {
  method: string;
  /** The OpenAPI path, e.g. /apps/{app}/releases. */
  template: string;
  params: string[];
  body?: unknown;
  contentType?: string;
}

const METHODS = ["get", "post", "put", "patch", "delete"];

export function routesOf(doc: OpenApiDoc): RouteCall[] {
  const calls: RouteCall[] = [];
  for (const [template, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      if (!METHODS.includes(method)) continue;
      const params = [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
      const content = op.requestBody?.content ?? {};
      const [contentType, media] = Object.entries(content)[0] ?? [];
      calls.push({
        method: method.toUpperCase(),
        template,
        params,
        ...(contentType ? { contentType, body: exampleOf(media?.schema ?? {}) } : method === "get" || method === "delete" ? {} : { contentType: "application/json", body: {} }),
      });
    }
  }
  return calls;
}

/** A small value that satisfies the schema (required properties only). */
export function exampleOf(schema: JsonSchema): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) return exampleOf(alternatives.find((s) => s.type !== "null") ?? alternatives[0]!);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  switch (type) {
    case "object": {
      const out: Record<string, unknown> = {};
      for (const key of schema.required ?? []) out[key] = exampleOf(schema.properties?.[key] ?? {});
      return out;
    }
    case "array":
      return [];
    case "integer":
    case "number":
      return Math.max(schema.minimum ?? 1, 1);
    case "boolean":
      return false;
    case "string":
      if (schema.format === "email") return "someone@example.com";
      return "x".repeat(Math.max(schema.minLength ?? 1, 1));
    default:
      return {};
  }
}

export const fillPath = (template: string, values: (name: string) => string) =>
  template.replace(/\{([^}]+)\}/g, (_m, name: string) => encodeURIComponent(values(name)));
