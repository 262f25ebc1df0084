import { describe, expect, it } from "vitest";
import { exampleOf, fillPath, routesOf } from "./openapi-walk.js";

describe("openapi-walk", () => {
  it.each([
    [{ type: "object", required: ["name"], properties: { name: { type: "string", minLength: 3 }, x: { type: "string" } } }, { name: "xxx" }],
    [{ anyOf: [{ type: "null" }, { type: "integer", minimum: 60 }] }, 60],
    [{ type: "array", items: { type: "string" } }, []],
    [{ enum: ["a", "b"] }, "a"],
    [{ type: "boolean" }, false],
  ])("example of %j", (schema, expected) => expect(exampleOf(schema)).toEqual(expected));

  it("lists each method of each path with its parameters and a body", () => {
    const calls = routesOf({
      paths: {
        "/apps/{app}/releases": {
          get: {},
          post: { requestBody: { content: { "application/json": { schema: { type: "object", required: ["release"], properties: { release: { type: "string" } } } } } } },
        },
      },
    });
    expect(calls).toEqual([
      { method: "GET", template: "/apps/{app}/releases", params: ["app"] },
      { method: "POST", template: "/apps/{app}/releases", params: ["app"], contentType: "application/json", body: { release: "x" } },
    ]);
  });

  it("fills path parameters, encoded", () => {
    expect(fillPath("/apps/{app}/collaborators/{collaborator}", (n) => (n === "app" ? "shop" : "a b@c"))).toBe("/apps/shop/collaborators/a%20b%40c");
  });
});
