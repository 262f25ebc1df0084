import { UseCaseError, type UseCaseErrorCode } from "@pier/use-cases";
import type { FastifyError, FastifyInstance } from "fastify";

const STATUS: Record<UseCaseErrorCode, number> = {
  invalid_params: 422,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  unavailable: 503,
};

/** Ids for Fastify's own 4xx (bad JSON, oversized bodies, ...): stable words, not FST_ codes. */
const CLIENT_ERROR_IDS: Record<number, string> = {
  400: "bad_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  405: "method_not_allowed",
  406: "not_acceptable",
  408: "request_timeout",
  413: "payload_too_large",
  414: "uri_too_long",
  415: "unsupported_media_type",
  429: "rate_limited",
  431: "headers_too_large",
};

/** Every error leaves as `{ id, message }` (Heroku's shape) with the right 4xx; 5xx only for our bugs. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof UseCaseError) {
      if (err.code === "unauthorized") reply.header("WWW-Authenticate", 'Basic realm="Pier", charset="UTF-8"');
      return reply.status(STATUS[err.code]).send({ id: err.code, message: err.message });
    }
    if (err.validation) {
      return reply.status(400).send({ id: "invalid_params", message: `Invalid request: ${err.message}` });
    }
    const status = err.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return reply.status(status).send({ id: CLIENT_ERROR_IDS[status] ?? "bad_request", message: err.message });
    }
    req.log.error({ err }, "request failed");
    return reply.status(500).send({ id: "internal_error", message: "Pier hit an internal error; the operator's logs have the details." });
  });
  app.setNotFoundHandler((req, reply) =>
    reply.status(404).send({ id: "not_found", message: `No such endpoint: ${req.method} ${req.url.split("?")[0]}. The list is at /openapi.json.` }),
  );
}
