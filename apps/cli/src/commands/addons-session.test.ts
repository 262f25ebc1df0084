import { describe, expect, it } from "vitest";
import { sessionArgv } from "./addons-session.js";

describe("sessionArgv", () => {
  it.each([
    ["postgres", "postgres://u1:p%40ss@pg-a:5432/d1", undefined, ["psql", "-h", "pg-a", "-p", "5432", "-U", "u1", "d1"], { PGPASSWORD: "p@ss" }],
    ["postgres", "postgres://u1:pw@pg-a:5432/d1", "SELECT 1", ["psql", "-h", "pg-a", "-p", "5432", "-U", "u1", "d1", "-c", "SELECT 1"], { PGPASSWORD: "pw" }],
    ["mysql", "mysql://u1:pw@my-a:3306/d1", "SHOW TABLES", ["mariadb", "-h", "my-a", "-P", "3306", "-u", "u1", "d1", "-e", "SHOW TABLES"], { MYSQL_PWD: "pw" }],
    ["redis", "redis://default:pw@rd-a:6379", "GET  key", ["redis-cli", "-h", "rd-a", "-p", "6379", "--user", "default", "GET", "key"], { REDISCLI_AUTH: "pw" }],
    ["redis", "redis://:pw@rd-a:6379", undefined, ["redis-cli", "-h", "rd-a", "-p", "6379", "--user", "default"], { REDISCLI_AUTH: "pw" }],
  ] as const)("%s %s %s", (kind, url, command, argv, env) => {
    expect(sessionArgv(kind, new URL(url), command)).toEqual({ argv, env });
  });

  it("never puts the password in argv", () => {
    for (const kind of ["postgres", "mysql", "redis"] as const) {
      expect(sessionArgv(kind, new URL(`${kind}://user:s3cret@h:1/db`)).argv.join(" ")).not.toContain("s3cret");
    }
  });
});
