// @pier/db: the control-plane database. Other packages import Prisma only from here.
export { createPrisma } from "./client.js";
export { ensureDatabase } from "./ensure-database.js";
export { migrateDeploy, type MigrateDeployOptions, type MigrateDeployResult } from "./migrate-deploy.js";
export { databaseNameOf, redactDatabaseUrl, withDatabase } from "./database-url.js";
export * from "./generated/client.js";
