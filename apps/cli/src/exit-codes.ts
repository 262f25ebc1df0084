/**
 * Exit codes scripts can rely on (docs/cli.md lists them). An API error maps to the code of its
 * HTTP status; anything not listed is 1.
 */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  unauthorized: 3,
  notFound: 4,
  forbidden: 5,
  conflict: 6,
  rateLimited: 7,
  unavailable: 8,
} as const;

export function exitCodeForStatus(status: number): number {
  if (status === 401) return EXIT.unauthorized;
  if (status === 403) return EXIT.forbidden;
  if (status === 404) return EXIT.notFound;
  if (status === 409) return EXIT.conflict;
  if (status === 429) return EXIT.rateLimited;
  if (status >= 500) return EXIT.unavailable;
  return EXIT.failure;
}

export const EXIT_CODE_DOCS: [number, string][] = [
  [EXIT.ok, "success"],
  [EXIT.failure, "the API refused the request (invalid input, failed operation)"],
  [EXIT.usage, "wrong usage: unknown command, missing argument, unconfirmed destroy"],
  [EXIT.unauthorized, "not logged in, or the token is invalid or expired"],
  [EXIT.notFound, "no such app (or no access to it), release, token, ..."],
  [EXIT.forbidden, "not allowed: e.g. a collaborator destroying an app, a non-admin managing users"],
  [EXIT.conflict, "conflict: the name is taken, the user exists"],
  [EXIT.rateLimited, "too many attempts: wait and retry"],
  [EXIT.unavailable, "the API cannot be reached or failed (5xx)"],
];
