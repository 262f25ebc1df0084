import { describe, expect, it } from "vitest";
import { dumpCommand, restoreSteps, type DatabaseLogin } from "./commands.js";

const login = (kind: DatabaseLogin["kind"]): DatabaseLogin => ({ kind, host: "127.0.0.1", port: 5432, username: "u1", password: "p; rm -rf /", databaseName: "db1" });

describe("dumpCommand", () => {
  it.each([
    ["postgres", ["pg_dump", "--format=custom", "--no-owner", "--no-acl", "--host", "127.0.0.1", "--port", "5432", "--username", "u1", "--dbname", "db1"], { PGPASSWORD: "p; rm -rf /" }],
    ["mysql", ["mysqldump", "--single-transaction", "--no-tablespaces", "--routines", "--triggers", "--events", "--host", "127.0.0.1", "--port", "5432", "--user", "u1", "db1"], { MYSQL_PWD: "p; rm -rf /" }],
    ["redis", ["redis-cli", "-h", "127.0.0.1", "-p", "5432", "--no-auth-warning", "--rdb", "-"], { REDISCLI_AUTH: "p; rm -rf /" }],
  ] as const)("%s", (kind, argv, env) => {
    expect(dumpCommand(login(kind))).toEqual({ argv, env });
  });

  it("never puts the password in argv", () => {
    for (const kind of ["postgres", "mysql", "redis"] as const) {
      const steps = restoreSteps(login(kind), { dataDir: "/data", user: "redis" });
      const argvs = [dumpCommand(login(kind)).argv, ...steps.map((s) => (s.type === "exec" ? s.command.argv : []))];
      for (const argv of argvs) expect(argv.join(" ")).not.toContain("rm -rf");
    }
  });
});

describe("restoreSteps", () => {
  it("postgres: one pg_restore fed the backup, cleaning what it recreates", () => {
    expect(restoreSteps(login("postgres"))).toEqual([
      {
        type: "exec",
        stdin: "backup",
        what: "pg_restore",
        command: {
          argv: ["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-acl", "--exit-on-error", "--host", "127.0.0.1", "--port", "5432", "--username", "u1", "--dbname", "db1"],
          env: { PGPASSWORD: "p; rm -rf /" },
        },
      },
    ]);
  });

  it("mysql: the client reads the dump on stdin", () => {
    expect(restoreSteps(login("mysql"))).toEqual([
      { type: "exec", stdin: "backup", what: "mysql", command: { argv: ["mysql", "--host", "127.0.0.1", "--port", "5432", "--user", "u1", "db1"], env: { MYSQL_PWD: "p; rm -rf /" } } },
    ]);
  });

  it("redis: copy as the server's user, start once without the append-only file on the moved-in snapshot, rebuild it", () => {
    const steps = restoreSteps(login("redis"), { dataDir: "/var/lib/redis", user: "pierdata" });
    const row = (s: (typeof steps)[number]) => (s.type === "exec" ? [s.command.argv[0], ...s.command.argv.slice(s.command.argv[0] === "redis-cli" ? 6 : 1), s.user ?? null, s.stdin ?? null] : ["restart"]);
    expect(steps.map(row)).toEqual([
      ["dd", "of=/var/lib/redis/restore.rdb", "bs=1M", "status=none", "pierdata", "backup"],
      ["redis-cli", "CONFIG", "SET", "appendonly", "no", null, null],
      ["redis-cli", "CONFIG", "REWRITE", null, null],
      ["redis-cli", "CONFIG", "SET", "save", "", null, null],
      ["mv", "-f", "/var/lib/redis/restore.rdb", "/var/lib/redis/dump.rdb", "pierdata", null],
      ["redis-cli", "SHUTDOWN", "NOSAVE", null, null],
      ["restart"],
      ["redis-cli", "CONFIG", "SET", "appendonly", "yes", null, null],
      ["redis-cli", "CONFIG", "REWRITE", null, null],
    ]);
    expect(steps.filter((s) => s.type === "exec" && s.endsServer).map((s) => s.what)).toEqual(["stop the server without saving"]);
    expect(steps[1]).toMatchObject({ command: { argv: ["redis-cli", "-h", "127.0.0.1", "-p", "5432", "--no-auth-warning", "CONFIG", "SET", "appendonly", "no"], env: { REDISCLI_AUTH: "p; rm -rf /" } } });
  });

  it("redis without its files is a programming error", () => {
    expect(() => restoreSteps(login("redis"))).toThrow(/data directory/);
  });
});
