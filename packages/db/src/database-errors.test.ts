import { describe, expect, it } from "vitest";
import { describeDatabaseError, errorCode } from "./database-errors.js";

const url = "postgresql://pier:s3cret@127.0.0.1:5432/pier";

function pgError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

describe("describeDatabaseError", () => {
  it.each([
    {
      what: "connection refused",
      error: pgError("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:5432"),
      want: "PostgreSQL is not reachable at postgresql://pier@127.0.0.1:5432/pier while connecting (connect ECONNREFUSED 127.0.0.1:5432): is it running and listening there?",
    },
    {
      what: "an AggregateError with an empty message",
      error: Object.assign(new AggregateError([pgError("ECONNREFUSED", "connect ECONNREFUSED ::1:5432")], ""), { code: "ECONNREFUSED" }),
      want: "PostgreSQL is not reachable at postgresql://pier@127.0.0.1:5432/pier while connecting (connect ECONNREFUSED ::1:5432): is it running and listening there?",
    },
    {
      what: "wrong password",
      error: pgError("28P01", 'password authentication failed for user "pier"'),
      want: 'PostgreSQL rejected the credentials in postgresql://pier@127.0.0.1:5432/pier while connecting (password authentication failed for user "pier"): check the user and password.',
    },
    {
      what: "pg_hba rejection",
      error: pgError("28000", 'no pg_hba.conf entry for host "10.0.0.1"'),
      want: 'PostgreSQL refused the connection to postgresql://pier@127.0.0.1:5432/pier while connecting (no pg_hba.conf entry for host "10.0.0.1"): check pg_hba.conf and the role.',
    },
    {
      what: "missing privilege",
      error: pgError("42501", "permission denied to create database"),
      want: "The role in postgresql://pier@127.0.0.1:5432/pier lacks a privilege while connecting (permission denied to create database): grant it (e.g. CREATEDB) or do this step as a superuser.",
    },
    {
      what: "any other SQL error",
      error: pgError("42P01", 'relation "x" does not exist'),
      want: 'PostgreSQL error at postgresql://pier@127.0.0.1:5432/pier while connecting: relation "x" does not exist (42P01)',
    },
    {
      what: "a thrown string",
      error: "boom",
      want: "PostgreSQL error at postgresql://pier@127.0.0.1:5432/pier while connecting: boom",
    },
  ])("$what", ({ error, want }) => {
    const line = describeDatabaseError(error, url, "connecting");
    expect(line).toBe(want);
    expect(line).not.toContain("s3cret");
    expect(line).not.toContain("\n");
  });
});

describe("errorCode", () => {
  it.each([
    { error: pgError("3D000", "x"), want: "3D000" },
    { error: new Error("plain"), want: undefined },
    { error: null, want: undefined },
    { error: { code: 5 }, want: undefined },
  ])("$error -> $want", ({ error, want }) => {
    expect(errorCode(error)).toBe(want);
  });
});
