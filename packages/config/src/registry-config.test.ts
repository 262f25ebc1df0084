import { describe, expect, it } from "vitest";
import { registrySettings } from "./registry-config.js";

const fail = (message: string) => new Error(message);

describe("registrySettings", () => {
  it.each([
    [{}, undefined],
    [{ PIER_REGISTRY: "" }, undefined],
    [{ PIER_REGISTRY: "127.0.0.1:5000" }, { push: "127.0.0.1:5000", pull: "127.0.0.1:5000" }],
    [{ PIER_REGISTRY: "127.0.0.1:5000", PIER_REGISTRY_PULL: "10.231.41.1:5000" }, { push: "127.0.0.1:5000", pull: "10.231.41.1:5000" }],
    [{ PIER_REGISTRY: "registry.internal" }, { push: "registry.internal", pull: "registry.internal" }],
    [{ PIER_REGISTRY: "[fd00::1]:5000" }, { push: "[fd00::1]:5000", pull: "[fd00::1]:5000" }],
  ])("%j -> %j", (env, expected) => {
    expect(registrySettings(env, fail)).toEqual(expected);
  });

  it.each([
    [{ PIER_REGISTRY: "http://127.0.0.1:5000" }, /PIER_REGISTRY must be a registry address HOST:PORT/],
    [{ PIER_REGISTRY: "127.0.0.1:5000/pier" }, /PIER_REGISTRY must be/],
    [{ PIER_REGISTRY: "127.0.0.1:5000", PIER_REGISTRY_PULL: "10.0.0.1 :5000" }, /PIER_REGISTRY_PULL must be/],
    [{ PIER_REGISTRY_PULL: "10.0.0.1:5000" }, /PIER_REGISTRY_PULL is set .* but PIER_REGISTRY is not/],
  ])("refuses %j", (env, message) => {
    expect(() => registrySettings(env, fail)).toThrow(message);
  });
});
