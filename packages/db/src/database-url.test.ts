import { describe, expect, it } from "vitest";
import { databaseNameOf, quoteIdentifier, redactDatabaseUrl, withDatabase } from "./database-url.js";

describe("redactDatabaseUrl", () => {
  it.each([
    { url: "postgresql://pier:pier@127.0.0.1:5432/pier", want: "postgresql://pier@127.0.0.1:5432/pier" },
    { url: "postgres://u:s%40cret@db.example:6543/app?sslmode=require", want: "postgres://u@db.example:6543/app?sslmode=require" },
    { url: "postgresql://pier@127.0.0.1/pier", want: "postgresql://pier@127.0.0.1/pier" },
    { url: "postgresql://h/db?user=u&password=secret", want: "postgresql://h/db?user=u&password=***" },
    { url: "not a url:secret@host/db", want: "<credentials hidden>@host/db" },
    { url: "plainly wrong", want: "plainly wrong" },
  ])("$url -> $want", ({ url, want }) => {
    expect(redactDatabaseUrl(url)).toBe(want);
  });
});

describe("databaseNameOf", () => {
  it.each([
    { url: "postgresql://pier:pier@127.0.0.1:5432/pier", want: "pier" },
    { url: "postgresql://h/pier_test_1?schema=public", want: "pier_test_1" },
    { url: "postgresql://h/with%20space", want: "with space" },
    { url: "postgresql:///local?host=/var/run/postgresql", want: "local" },
  ])("$url -> $want", ({ url, want }) => {
    expect(databaseNameOf(url)).toBe(want);
  });

  it.each([
    { url: "postgresql://pier:secret@127.0.0.1:5432/", error: /names no database/ },
    { url: "postgresql://pier:secret@127.0.0.1:5432", error: /names no database/ },
    { url: "mysql://pier:secret@127.0.0.1/pier", error: /scheme must be postgresql/ },
    { url: "nonsense", error: /Invalid database URL/ },
  ])("rejects $url", ({ url, error }) => {
    expect(() => databaseNameOf(url)).toThrow(error);
    expect(() => databaseNameOf(url)).not.toThrow(/secret/);
  });
});

describe("withDatabase", () => {
  it.each([
    { url: "postgresql://pier:pier@127.0.0.1:5432/pier", db: "postgres", want: "postgresql://pier:pier@127.0.0.1:5432/postgres" },
    { url: "postgresql://u:p@h/app?sslmode=require", db: "postgres", want: "postgresql://u:p@h/postgres?sslmode=require" },
    { url: "postgresql://u:p@h/app", db: "odd name/x", want: "postgresql://u:p@h/odd%20name%2Fx" },
  ])("$url + $db", ({ url, db, want }) => {
    expect(withDatabase(url, db)).toBe(want);
    expect(databaseNameOf(withDatabase(url, db))).toBe(db);
  });
});

describe("quoteIdentifier", () => {
  it.each([
    { id: "pier", want: '"pier"' },
    { id: "Pier Test", want: '"Pier Test"' },
    { id: 'x"; DROP DATABASE pier; --', want: '"x""; DROP DATABASE pier; --"' },
  ])("$id", ({ id, want }) => {
    expect(quoteIdentifier(id)).toBe(want);
  });

  it.each(["", "a\0b"])("rejects %j", (id) => {
    expect(() => quoteIdentifier(id)).toThrow(/Invalid SQL identifier/);
  });
});
