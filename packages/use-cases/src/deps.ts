import type { PierConfig } from "@pier/config";
import type { PrismaClient } from "@pier/db";
import type Docker from "dockerode";
import type { Redis } from "ioredis";

/** What every use case may touch. Processes build this once and pass it in. */
export interface Deps {
  prisma: PrismaClient;
  redis: Redis;
  config: PierConfig;
  /** Prints a platform event for operators; defaults to stdout in processes. */
  log?: (line: string) => void;
}

/** The authenticated caller of a use case. */
export interface Actor {
  userId: string;
  isAdmin: boolean;
  /** For audit records; filled in by `authenticate`. */
  email?: string;
  /** The API token the request came with (so `logout` can revoke it). */
  tokenId?: string;
}

/** For use cases that drive a Docker engine (the worker's). */
export type EngineDeps = Deps & {
  docker: Docker;
  /** Stamped on every container and image, see `installationId`. */
  installationId: string;
};
