// Pure helpers on PostgreSQL connection URLs (postgresql://user:password@host:port/database?params).

function parse(databaseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    throw new Error(`Invalid database URL ${JSON.stringify(redactDatabaseUrl(databaseUrl))}: expected postgresql://user:password@host:5432/database`);
  }
  if (url.protocol !== "postgresql:" && url.protocol !== "postgres:") {
    throw new Error(`Invalid database URL ${redactDatabaseUrl(databaseUrl)}: the scheme must be postgresql:// or postgres://`);
  }
  return url;
}

/**
 * The URL with its password removed, safe for logs and error messages. A string that is not a URL
 * is shown only up to its first "@" so that a malformed URL cannot leak its password either.
 */
export function redactDatabaseUrl(databaseUrl: string): string {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    const at = databaseUrl.lastIndexOf("@");
    return at === -1 ? databaseUrl : `<credentials hidden>${databaseUrl.slice(at)}`;
  }
  url.password = "";
  if (url.searchParams.has("password")) url.searchParams.set("password", "***");
  return url.href;
}

/** The database a URL names (percent-decoded), e.g. "pier" for postgresql://h:5432/pier. */
export function databaseNameOf(databaseUrl: string): string {
  const name = decodeURIComponent(parse(databaseUrl).pathname.replace(/^\//, ""));
  if (name === "") {
    throw new Error(`Database URL ${redactDatabaseUrl(databaseUrl)} names no database: add it as the path, e.g. .../pier`);
  }
  return name;
}

/** The same server and credentials, another database (e.g. the "postgres" maintenance database). */
export function withDatabase(databaseUrl: string, database: string): string {
  const url = parse(databaseUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.href;
}

/** A PostgreSQL identifier in double quotes, safe to splice into DDL that takes no parameters. */
export function quoteIdentifier(identifier: string): string {
  if (identifier === "" || identifier.includes("\0")) {
    throw new Error(`Invalid SQL identifier ${JSON.stringify(identifier)}`);
  }
  return `"${identifier.replaceAll('"', '""')}"`;
}
