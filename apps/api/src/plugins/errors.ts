import { UseCaseError, type UseCaseErrorCode } from "@pier/use-cases";
import type { FastifyError, FastifyInstance } from "fastify";

const STATUS: Record<UseCaseErrorCode, number> = {
  invalid_params: 422,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unavailable: 503,
};

/** Every error leaves as `{ id, message }` (Heroku's shape) with the right 4xx; 5xx only for our bugs. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof UseCaseError) {
      return reply.status(STATUS[err.code]).send({ id: err.code, message: err.message });
    }
    if (err.validation) {
      return reply.status(400).send({ id: "invalid_params", message: `Invalid request: ${err.message}` });
    }
    const status = err.statusCode ?? 500;
    if (status < 500) {
      return reply.status(status).send({ id: err.code?.toLowerCase() ?? "bad_request", message: err.message });
    }
    req.log.error({ err }, "request failed");
    return reply.status(500).send({ id: "internal_error", message: "Pier hit an internal error; the operator's logs have the details." });
  });
  app.setNotFoundHandler((req, reply) =>
    reply.status(404).send({ id: "not_found", message: `No such endpoint: ${req.method} ${req.url.split("?")[0]}` }),
  );
}
