import { defaultServerConditions } from "vite";
import { defineConfig } from "vitest/config";

// Workspace packages export a "source" condition so tests run on TypeScript sources without a
// build. Vitest resolves through Vite's SSR conditions. ("import" must not be added: pg breaks.)
const ssr = { resolve: { conditions: ["source", ...defaultServerConditions] } };

export default defineConfig({
  ssr,
  test: {
    projects: [
      {
        ssr,
        test: {
          name: "unit",
          include: ["{apps,packages}/*/src/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "**/node_modules/**"],
        },
      },
      {
        ssr,
        test: {
          name: "integration",
          include: ["{apps,packages}/*/src/**/*.int.test.ts"],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
      {
        ssr,
        test: {
          name: "e2e",
          include: ["e2e/**/*.e2e.test.ts"],
          testTimeout: 600_000,
          hookTimeout: 600_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
