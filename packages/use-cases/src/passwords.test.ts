import { describe, expect, it } from "vitest";
import { checkPasswordRules, hashPassword, verifyPassword } from "./passwords.js";

describe("passwords", () => {
  it("verifies the right password and refuses others", async () => {
    const stored = await hashPassword("correct horse");
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword("correct horse", stored)).toBe(true);
    expect(await verifyPassword("correct horsE", stored)).toBe(false);
  });

  it("salts: the same password hashes differently", async () => {
    expect(await hashPassword("same-password")).not.toBe(await hashPassword("same-password"));
  });

  it.each([[null], [""], ["plain"], ["bcrypt$x$y$z$a$b"]])("refuses a user without a usable hash: %j", async (stored) => {
    expect(await verifyPassword("anything", stored)).toBe(false);
  });

  it.each([["short"], ["x".repeat(201)]])("rejects %j by the rules", (pw) => {
    expect(() => checkPasswordRules(pw)).toThrow(/8 to 200/);
  });
});
