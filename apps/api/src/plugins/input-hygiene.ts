import type { FastifyInstance } from "fastify";

const isPlain = (value: object) => {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

/** True when a parsed JSON value holds a NUL character anywhere (keys included). */
export function containsNul(value: unknown, depth = 0): boolean {
  if (depth > 64) return false;
  if (typeof value === "string") return value.includes("\u0000");
  if (Array.isArray(value)) return value.some((v) => containsNul(v, depth + 1));
  // Only parsed JSON: streamed bodies (git, tarballs) are objects with internals, not documents.
  if (value && typeof value === "object" && isPlain(value)) return Object.entries(value).some(([k, v]) => k.includes("\u0000") || containsNul(v, depth + 1));
  return false;
}

const NUL_IN_URL = /%00|\u0000/i;

/**
 * PostgreSQL text cannot hold NUL, and no name, email or value in Pier needs one: refuse it at
 * the door with 400 rather than let it reach a query and fail there.
 */
export function registerInputHygiene(app: FastifyInstance): void {
  const refuse = { id: "bad_request", message: "The request contains a NUL character (\\u0000), which Pier does not accept in paths, queries or values." };
  app.addHook("onRequest", async (req, reply) => {
    if (NUL_IN_URL.test(req.url)) return reply.status(400).send(refuse);
  });
  app.addHook("preValidation", async (req, reply) => {
    if (containsNul(req.body) || containsNul(req.query)) return reply.status(400).send(refuse);
  });
}
