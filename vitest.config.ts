import { defaultServerConditions } from "vite";
import { defineConfig } from "vitest/config";

// Workspace packages export a "source" condition so tests run on TypeScript sources without a
// build. Vitest resolves through Vite's SSR conditions. ("import" must not be added: pg breaks.)
const ssr = { resolve: { conditions: ["source", ...defaultServerConditions] } };

// e2e files run in the threads pool, one at a time, beside unit and integration files in the forks
// pool, one at a time: most of an e2e file's time is spent waiting on builds, pushes and probes, so
// the two halves share two cores well (whole suite 654 s against 1008-1123 s one file at a time,
// with the e2e timing figures within their targets). They use separate databases, Redis databases,
// installation labels and ports (e2e ports come from 10000-19999, outside the kernel's ephemeral
// range), so they cannot see each other. PIER_TEST_OVERLAP=0 puts e2e files back in the forks pool,
// one at a time with the integration files (unit files still beside them).
// (Integration tests cannot move to threads: migrate-deploy.int calls process.chdir.)
const overlap = process.env.PIER_TEST_OVERLAP !== "0";

export default defineConfig({
  ssr,
  test: {
    // Vitest 3 shares one pool per kind across projects and sizes it from the root config alone (a
    // project's fileParallelism is ignored there), so each pool takes one file at a time on any
    // machine: files of one half share real services and e2e files measure timings. One at a time
    // (PIER_TEST_OVERLAP=0), unit tests (pure code) take the threads pool beside the forks pool.
    poolOptions: { forks: { maxForks: 1, minForks: 1 }, ...(overlap ? { threads: { maxThreads: 1, minThreads: 1 } } : {}) },
    projects: [
      {
        ssr,
        test: {
          name: "unit",
          pool: overlap ? "forks" : "threads",
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
          pool: overlap ? "threads" : "forks",
          include: ["e2e/**/*.e2e.test.ts"],
          testTimeout: 600_000,
          hookTimeout: 600_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
