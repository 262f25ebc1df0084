import { redactDatabaseUrl } from "./database-url.js";

// Turns errors from the pg driver into one line a person can act on. The URL is always shown
// without its password.

type ErrorFields = { code?: unknown; message?: unknown; errors?: unknown };

const UNREACHABLE = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "ETIMEDOUT", "ENOENT"]);

function fieldsOf(error: unknown): ErrorFields {
  return typeof error === "object" && error !== null ? (error as ErrorFields) : { message: String(error) };
}

function messageOf(fields: ErrorFields): string {
  if (typeof fields.message === "string" && fields.message !== "") return fields.message;
  // Node reports a failed connection to a name with several addresses as an AggregateError with
  // an empty message; its parts say what happened.
  if (Array.isArray(fields.errors) && fields.errors.length > 0) return messageOf(fieldsOf(fields.errors[0]));
  return typeof fields.code === "string" ? fields.code : "unknown error";
}

/** One line naming what failed, where (URL without password) and what to check. */
export function describeDatabaseError(error: unknown, databaseUrl: string, doing: string): string {
  const fields = fieldsOf(error);
  const code = typeof fields.code === "string" ? fields.code : undefined;
  const where = redactDatabaseUrl(databaseUrl);
  const message = messageOf(fields);
  if (code !== undefined && UNREACHABLE.has(code)) {
    return `PostgreSQL is not reachable at ${where} while ${doing} (${message}): is it running and listening there?`;
  }
  switch (code) {
    case "28P01":
      return `PostgreSQL rejected the credentials in ${where} while ${doing} (${message}): check the user and password.`;
    case "28000":
      return `PostgreSQL refused the connection to ${where} while ${doing} (${message}): check pg_hba.conf and the role.`;
    case "3D000":
      return `The database in ${where} does not exist (${message}): create it, or let Pier create it at start.`;
    case "42501":
      return `The role in ${where} lacks a privilege while ${doing} (${message}): grant it (e.g. CREATEDB) or do this step as a superuser.`;
    default:
      return `PostgreSQL error at ${where} while ${doing}: ${message}${code ? ` (${code})` : ""}`;
  }
}

/** The same as an Error whose cause is the original one. */
export function databaseError(error: unknown, databaseUrl: string, doing: string): Error {
  return new Error(describeDatabaseError(error, databaseUrl, doing), { cause: error });
}

/** The SQLSTATE or errno code of a pg error, if any. */
export function errorCode(error: unknown): string | undefined {
  const code = fieldsOf(error).code;
  return typeof code === "string" ? code : undefined;
}
