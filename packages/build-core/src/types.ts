/** The files of an app's source, as the planner needs them (read by an adapter from the tarball). */
export interface SourceFiles {
  /** Every file path in the source, relative and '/'-separated (no leading "./"). */
  paths: string[];
  /** Text of a small file; undefined when the file is absent or too big to have been read. */
  read(path: string): string | undefined;
}

/** One command run in the builder container, in order, with cwd /app. */
export interface BuildStep {
  /** Human name, announced in the build log ("Installing dependencies with pip"). */
  name: string;
  argv: string[];
  /** Extra environment for this step only (not baked into the image). */
  env?: Record<string, string>;
}

export interface BuildPlan {
  kind: "python";
  steps: BuildStep[];
  /** argv per process type, e.g. { web: ["/app/.venv/bin/gunicorn", "app:app"] }. */
  processTypes: Record<string, string[]>;
  /** Environment baked into the image. */
  env: Record<string, string>;
}

/** Where pip finds packages: operator configuration (same shape as @pier/config's). */
export interface PipSettings {
  indexUrl: string;
  extraIndexUrls: string[];
  findLinks: string[];
}

export interface DetectOptions {
  pip: PipSettings;
}

export type DetectResult = { ok: true; plan: BuildPlan } | { ok: false; error: string };

/**
 * A detector looks at the source and either does not apply ("skip"), applies and plans
 * ("pass"), or applies but cannot plan, with a message the user can act on ("error").
 * An error stops detection: a Python app without a web process must not fall through to
 * another kind.
 */
export type Detection =
  | { status: "skip" }
  | { status: "pass"; plan: BuildPlan }
  | { status: "error"; error: string };

export interface Detector {
  name: string;
  detect(src: SourceFiles, opts: DetectOptions): Detection;
}
