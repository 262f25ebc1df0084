import type { BackupKind } from "./kinds.js";

/** How to reach the database from where the command runs (inside the add-on's own container). */
export interface DatabaseLogin {
  kind: BackupKind;
  host: string;
  port: number;
  username: string;
  password: string;
  databaseName: string;
}

/**
 * A program to run without a shell. Passwords travel in `env` (PGPASSWORD, MYSQL_PWD,
 * REDISCLI_AUTH), never in argv, where `ps` on the host would show them.
 */
export interface Command {
  argv: string[];
  env: Record<string, string>;
}

/** redis-cli with the login's address and password (in env), then `args`: `redisCommand(db, "PING")`. */
export function redisCommand(db: DatabaseLogin, ...args: string[]): Command {
  return { argv: ["redis-cli", "-h", db.host, "-p", String(db.port), "--no-auth-warning", ...args], env: { REDISCLI_AUTH: db.password } };
}

/** The command whose stdout is the backup; Pier gzips and checksums that stream. */
export function dumpCommand(db: DatabaseLogin): Command {
  switch (db.kind) {
    case "postgres":
      return {
        argv: ["pg_dump", "--format=custom", "--no-owner", "--no-acl", "--host", db.host, "--port", String(db.port), "--username", db.username, "--dbname", db.databaseName],
        env: { PGPASSWORD: db.password },
      };
    case "mysql":
      return {
        // No --databases: the dump then holds no CREATE DATABASE/USE and restores into any database.
        argv: ["mysqldump", "--single-transaction", "--no-tablespaces", "--routines", "--triggers", "--events", "--host", db.host, "--port", String(db.port), "--user", db.username, db.databaseName],
        env: { MYSQL_PWD: db.password },
      };
    case "redis":
      // Asks the server for a fresh RDB snapshot over the replication protocol and writes it to stdout.
      return redisCommand(db, "--rdb", "-");
  }
}

/**
 * One step of a restore:
 * - `exec` runs a command in the add-on's container; `stdin: "backup"` feeds it the uncompressed
 *   backup; `user` runs it as that user (files it writes must belong to the server's user);
 *   `endsServer`: the container stops with the server, which may kill the command itself, so
 *   its exit code means nothing (the `restart` step that follows checks the outcome);
 * - `restart` restarts the add-on's container and waits until it accepts connections again.
 */
export type RestoreStep =
  | { type: "exec"; command: Command; stdin?: "backup"; user?: string; what: string; endsServer?: true }
  | { type: "restart"; what: string };

/** Where a Redis add-on keeps its data, so the restore can put the snapshot in place. */
export interface RedisFiles {
  dataDir: string;
  /** The server's own user, who must own the RDB file. */
  user: string;
}

export function restoreSteps(db: DatabaseLogin, redis?: RedisFiles): RestoreStep[] {
  switch (db.kind) {
    case "postgres":
      return [
        {
          type: "exec",
          stdin: "backup",
          what: "pg_restore",
          command: {
            // --clean --if-exists drops what the dump recreates; --exit-on-error: a partial restore is a failure.
            argv: ["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-acl", "--exit-on-error", "--host", db.host, "--port", String(db.port), "--username", db.username, "--dbname", db.databaseName],
            env: { PGPASSWORD: db.password },
          },
        },
      ];
    case "mysql":
      return [
        {
          type: "exec",
          stdin: "backup",
          what: "mysql",
          command: { argv: ["mysql", "--host", db.host, "--port", String(db.port), "--user", db.username, db.databaseName], env: { MYSQL_PWD: db.password } },
        },
      ];
    case "redis": {
      if (!redis) throw new Error("restoring a Redis add-on needs its data directory and user");
      const cli = (...args: string[]) => redisCommand(db, ...args);
      const incoming = `${redis.dataDir}/restore.rdb`;
      const exec = (what: string, command: Command, user?: string): Extract<RestoreStep, { type: "exec" }> => ({ type: "exec", what, command, ...(user ? { user } : {}) });
      return [
        { type: "exec", stdin: "backup", user: redis.user, what: "copy the snapshot", command: { argv: ["dd", `of=${incoming}`, "bs=1M", "status=none"], env: {} } },
        // With the append-only file on, a starting server loads it and ignores the snapshot: the
        // server starts once without it (persisted in its config file), then rebuilds it from memory.
        exec("turn the append-only file off", cli("CONFIG", "SET", "appendonly", "no")),
        exec("persist the setting", cli("CONFIG", "REWRITE")),
        // In memory only: no background save may overwrite the snapshot before the shutdown.
        exec("pause snapshots", cli("CONFIG", "SET", "save", "")),
        exec("put the snapshot in place", { argv: ["mv", "-f", incoming, `${redis.dataDir}/dump.rdb`], env: {} }, redis.user),
        // NOSAVE: the server must not write its current data over the snapshot on the way out.
        { ...exec("stop the server without saving", cli("SHUTDOWN", "NOSAVE")), endsServer: true },
        { type: "restart", what: "start the server on the restored snapshot" },
        exec("rebuild the append-only file", cli("CONFIG", "SET", "appendonly", "yes")),
        exec("persist the setting", cli("CONFIG", "REWRITE")),
      ];
    }
  }
}
