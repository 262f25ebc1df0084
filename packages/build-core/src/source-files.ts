import type { SourceFiles } from "./types.js";

/** SourceFiles over an in-memory map of path -> text (tests, and callers that hold small sources). */
export function sourceFilesFromRecord(files: Record<string, string>): SourceFiles {
  return { paths: Object.keys(files), read: (p) => (Object.hasOwn(files, p) ? files[p] : undefined) };
}
