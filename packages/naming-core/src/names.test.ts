import { describe, expect, it } from "vitest";
import { buildImageTag, defaultHostname, instanceContainerName, validateAppName } from "./names.js";

describe("validateAppName", () => {
  it.each(["hello", "my-app-2", "abc", "a".repeat(30)])("accepts %s", (name) => {
    expect(validateAppName(name)).toBeUndefined();
  });
  it.each([
    ["", /required/],
    [undefined, /required/],
    [42, /required/],
    ["ab", /3 to 30/],
    ["a".repeat(31), /3 to 30/],
    ["Hello", /lowercase/],
    ["1app", /start with a letter/],
    ["app-", /not end with a dash/],
    ["my--app", /single dashes/],
    ["my_app", /lowercase letters, digits/],
    ["my.app", /lowercase letters, digits/],
    ["../etc", /lowercase letters, digits/],
  ])("rejects %j", (name, message) => {
    expect(validateAppName(name)).toMatch(message);
  });
});

describe("derived names", () => {
  it.each([
    [() => defaultHostname("hello", "localhost"), "hello.localhost"],
    [() => buildImageTag("hello", "0a1b2c3d-4e5f-6789-abcd-ef0123456789"), "pier/app-hello:b-0a1b2c3d4e5f"],
    [() => instanceContainerName("hello", "web", "0a1b2c3d-4e5f-6789"), "pier-hello-web-0a1b2c3d4e"],
  ])("%#", (make, expected) => {
    expect(make()).toBe(expected);
  });
});
