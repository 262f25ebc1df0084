/** Failures a use case reports to its caller; transports map `code` to a status (HTTP, exit code). */
export type UseCaseErrorCode = "invalid_params" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "rate_limited" | "unavailable";

export class UseCaseError extends Error {
  constructor(
    readonly code: UseCaseErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "UseCaseError";
  }
}

export const notFound = (what: string) => new UseCaseError("not_found", `Couldn't find that ${what}.`);
