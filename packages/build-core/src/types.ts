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

export type AppKind = "python" | "node" | "static" | "dockerfile";

/**
 * A build in two layers. The dependency layer is made from `dependencyFiles` (and
 * `generatedFiles`) alone, so it is reused as is while they and the steps do not change; the
 * app layer adds the whole source on top and runs `steps`.
 */
export interface BuildPlan {
  kind: AppKind;
  /** Announced in the build log: "Python app detected (3.11, Django)": title, then detail. */
  title: string;
  detail?: string;
  /** Stack the builder starts from, e.g. "python-3.11"; the runner maps it to an image. */
  stack: string;
  /** Root files the dependency steps read; their contents are part of the layer's cache key. */
  dependencyFiles: string[];
  /** Files the planner writes into /app for the dependency steps (e.g. requirements from a lock file). */
  generatedFiles: Record<string, string>;
  /** Run in /app holding only the dependency files, e.g. create the venv and pip install. */
  dependencySteps: BuildStep[];
  /** Run after the whole source is in /app, e.g. collectstatic or `npm run build`. */
  steps: BuildStep[];
  /** argv per process type, e.g. { web: ["/app/.venv/bin/gunicorn", "app:app"] }. */
  processTypes: Record<string, string[]>;
  /** Environment baked into the image. */
  env: Record<string, string>;
  /** Procfile `release:` command, run in a one-off container before the release goes live. */
  release?: string[];
}

/** Where pip finds packages: operator configuration (same shape as @pier/config's). */
export interface PipSettings {
  indexUrl: string;
  extraIndexUrls: string[];
  findLinks: string[];
}

export interface DetectOptions {
  pip: PipSettings;
  /** The app's config vars (a build reads switches such as DISABLE_COLLECTSTATIC). */
  config: Record<string, string>;
  /** Python versions ("3.11") the stacks provide, the default first. */
  pythonVersions: readonly string[];
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
