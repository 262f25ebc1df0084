// The Prisma CLI configuration lives in packages/db/prisma.config.ts (offline: the Wasm schema
// engine through a repaired pg adapter; see packages/db/README.md). Re-exported here so that
// `npx prisma ...` run from the repository root uses it too instead of trying to download an engine.
export { default } from "./packages/db/prisma.config.ts";
