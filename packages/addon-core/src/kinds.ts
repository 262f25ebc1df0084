/** The database servers Pier provisions, all from the one pier/stack-data image. */
export type AddonKind = "postgres" | "redis" | "mysql";

export const ADDON_KINDS: readonly AddonKind[] = ["postgres", "redis", "mysql"];

export interface KindTraits {
  port: number;
  /** Entrypoint shipped in the image (infra/stack/data/). */
  entrypoint: string;
  /** Config var prefix of the first attachment: DATABASE -> DATABASE_URL. */
  defaultAttachment: string;
  /** Fast shutdown: PostgreSQL's SIGTERM waits for every client to leave. */
  stopSignal: string;
}

export const KINDS: Record<AddonKind, KindTraits> = {
  postgres: { port: 5432, entrypoint: "pier-postgres-entrypoint", defaultAttachment: "DATABASE", stopSignal: "SIGINT" },
  redis: { port: 6379, entrypoint: "pier-redis-entrypoint", defaultAttachment: "REDIS", stopSignal: "SIGTERM" },
  mysql: { port: 3306, entrypoint: "pier-mysql-entrypoint", defaultAttachment: "MYSQL", stopSignal: "SIGTERM" },
};

/** Accepts Heroku's service names too ("heroku-postgresql", "mariadb", ...). */
export function parseKind(raw: string): AddonKind | undefined {
  const service = raw.toLowerCase().split(":")[0] ?? "";
  const aliases: Record<string, AddonKind> = {
    postgres: "postgres", postgresql: "postgres", "heroku-postgresql": "postgres", pg: "postgres",
    redis: "redis", "heroku-redis": "redis",
    mysql: "mysql", mariadb: "mysql",
  };
  return aliases[service];
}
