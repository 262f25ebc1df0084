import type { FastifyReply, FastifyRequest } from "fastify";
import { paginate, parseRange, RangeError, type ListSpec } from "./range.js";

/**
 * Answers a list endpoint the Heroku way: the `Range` header picks sort field, order, start and
 * page size; a cut list is 206 with `Next-Range`, a complete one 200 without it.
 */
export function sendList<T, P>(req: FastifyRequest, reply: FastifyReply, all: T[], spec: ListSpec<T>, present: (item: T) => P) {
  let range;
  try {
    range = parseRange(req.headers.range, spec as ListSpec<never>);
  } catch (err) {
    if (err instanceof RangeError) return reply.status(400).send({ id: "bad_request", message: err.message });
    throw err;
  }
  const page = paginate(all, range, spec);
  reply.header("Accept-Ranges", Object.keys(spec.fields).join(", "));
  if (page.nextRange) reply.status(206).header("Next-Range", page.nextRange);
  return reply.send(page.items.map(present));
}

export type { ListSpec } from "./range.js";
