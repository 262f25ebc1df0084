import { createHash, randomBytes } from "node:crypto";

/** API tokens are random, shown once, and stored only as their SHA-256 (they are not passwords). */
export const generateToken = () => `pier_${randomBytes(24).toString("base64url")}`;

export const hashToken = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");
