import { defaultServerConditions } from "vite";
import { defineConfig } from "vitest/config";

// Workspace packages export a "source" condition so tests run on TypeScript sources without a
// build. Vitest resolves through Vite's SSR conditions. ("import" must not be added: pg breaks.)
const ssr = { resolve: { conditions: ["source", ...defaultServerConditions] } };

// PIER_TEST_OVERLAP=1 (not the default, unmeasured on a quiet machine): e2e files run in the
// threads pool, one at a time, beside unit and integration files in the forks pool, one at a time.
// They use separate databases, Redis databases, ports and installation labels, so they cannot see
// each other; what must be measured first is whether e2e timing figures (self-healing, drains
// under load) stay within bounds on two cores while integration tests build images beside them.
// (Integration tests cannot move to threads: migrate-deploy.int calls process.chdir.)
const overlap = process.env.PIER_TEST_OVERLAP === "1";

export default defineConfig({
  ssr,
  test: {
    // Vitest 3 shares one pool per kind across projects and sizes it from the root config alone (a
    // project's fileParallelism is ignored there): integration and e2e files share real services and
    // e2e files measure timings, so the forks pool they run in takes one file at a time on any
    // machine. Unit tests (pure code) run in the threads pool instead, which runs beside it: their
    // ~150 small files no longer queue ahead of or behind the slow ones, and threads start faster
    // than forks (unit project alone at load ~25: forks 175 s, threads 114 s).
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
