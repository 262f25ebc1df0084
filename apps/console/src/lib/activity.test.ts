import { describe, expect, it } from "vitest";
import type { AuditEvent } from "../api/types.js";
import { describeActivity } from "./activity.js";

const event = (action: string, details: Record<string, unknown> = {}): AuditEvent => ({
  id: "1", created_at: "2026-11-22T03:00:00Z", actor: { id: null, email: "a@example.com" }, action, app: null, details,
});

describe("describeActivity", () => {
  it.each([
    [event("build.create", { version: "0123456789abcdef" }), "Pushed 0123456"],
    [event("build.create", { version: null }), "Pushed a new build"],
    [event("config.update", { set: ["A", "B"], unset: ["C"] }), "Config vars: set A, B; unset C"],
    [event("config.update", {}), "Config vars: changed"],
    [event("formation.update", { changes: ["web=2:basic"] }), "Scaled web=2:basic"],
    [event("release.rollback", { to: 3 }), "Rolled back to v3"],
    [event("domain.add", { hostname: "www.example.com" }), "Added domain www.example.com"],
    [event("build_cache.purge"), "build cache purge"],
  ])("%j", (e, want) => expect(describeActivity(e)).toBe(want));
});
