import { describe, expect, it } from "vitest";
import { escapeHtml, renderErrorPage } from "./error-page.js";
import { ROUTER_ERRORS } from "./router-errors.js";

describe("renderErrorPage", () => {
  it.each(Object.entries(ROUTER_ERRORS))("%s names the status, title, host and request id", (_kind, error) => {
    const page = renderErrorPage(error, "shop.localhost", "req-123");
    expect(page).toContain(`<title>${error.status} ${error.title}</title>`);
    expect(page).toContain("<code>shop.localhost</code>");
    expect(page).toContain("<code>req-123</code>");
    expect(page).not.toMatch(/(src|href)=/); // self-contained: no external assets
  });

  it("escapes the host the client sent", () => {
    const page = renderErrorPage(ROUTER_ERRORS.noSuchApp, `<img src=x onerror="alert(1)">`, "id");
    expect(page).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(page).not.toContain("<img");
  });

  it("says so when there was no Host header", () => {
    expect(renderErrorPage(ROUTER_ERRORS.noSuchApp, "", "id")).toContain("(no Host header)");
  });

  it.each([
    ["a&b", "a&amp;b"],
    [`'"`, "&#39;&quot;"],
  ])("escapeHtml(%j) = %j", (raw, escaped) => {
    expect(escapeHtml(raw)).toBe(escaped);
  });
});
