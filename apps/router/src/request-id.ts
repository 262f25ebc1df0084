import { randomUUID } from "node:crypto";

const SANE = /^[A-Za-z0-9+/=-]{20,200}$/;

/** The client's X-Request-Id when it is 20-200 chars of [A-Za-z0-9+/=-] (as Heroku does), else a new uuid. */
export function requestIdFrom(header: string | string[] | undefined): string {
  return typeof header === "string" && SANE.test(header) ? header : randomUUID();
}
