import { describe, expect, it } from "vitest";
import { acceptProblem } from "./content-negotiation.js";

describe("acceptProblem", () => {
  it.each([
    [undefined, false],
    ["application/json", false],
    ["*/*", false],
    ["application/vnd.heroku+json; version=3", false],
    ["application/vnd.heroku+json; version=3.sdk", false],
    ["application/vnd.heroku+json; version=3.variant-name", false],
    ["application/vnd.heroku+json", false],
    ["text/html, application/vnd.heroku+json; version=3", false],
    ["application/vnd.heroku+json; version=2", true],
    ["application/vnd.heroku+json; version=4.x", true],
  ])("%j -> refused: %s", (accept, refused) => {
    expect(acceptProblem(accept) !== undefined).toBe(refused);
  });
});
