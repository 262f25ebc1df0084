/** A build failed for a reason the user can fix; the message is one line saying what and how. */
export class BuildError extends Error {
  override name = "BuildError";
}
