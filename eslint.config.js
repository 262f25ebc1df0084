import tseslint from "typescript-eslint";

// Pure cores decide; adapters do I/O. This rule keeps the boundary honest.
const ioModules = [
  "dockerode", "ioredis", "bullmq", "pg", "@prisma/*", "acme-client", "undici", "ssh2", "fastify",
  "node:fs", "node:fs/promises", "fs", "fs/promises", "node:child_process", "child_process",
  "node:net", "net", "node:http", "http", "node:https", "https", "node:tls", "tls", "node:dgram", "dgram",
].map((name) => ({ group: [name], message: "*-core packages are pure: do I/O in an adapter package." }));

export default tseslint.config(
  { ignores: ["**/dist/**", "**/node_modules/**", "**/generated/**", "bench/**/results/**", "apps/console/dist/**"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-empty": ["error", { allowEmptyCatch: false }],
    },
  },
  {
    files: ["packages/*-core/src/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: ioModules }] },
  },
);
