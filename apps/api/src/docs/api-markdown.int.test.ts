import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../testing/test-api.js";
import { apiMarkdown, type ApiDoc } from "./api-markdown.js";

const DOC = fileURLToPath(new URL("../../../../docs/api.md", import.meta.url));

describe("docs/api.md", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi("pier_apidocs");
  });
  afterAll(async () => api?.close());

  it("matches the routes (regenerate with: npm run docs:generate)", async () => {
    const doc = (await api.server.inject({ method: "GET", url: "/openapi.json" })).json() as ApiDoc;
    const expected = apiMarkdown(doc);
    if (process.env.PIER_UPDATE_DOCS === "1") await writeFile(DOC, expected);
    const actual = await readFile(DOC, "utf8").catch(() => "(missing)");
    expect(actual, "docs/api.md is out of date: run `npm run docs:generate`").toBe(expected);
  });
});
