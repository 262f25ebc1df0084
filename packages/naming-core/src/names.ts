/** Names users choose and names Pier derives from them; one place decides what is valid. */

const APP_NAME = /^[a-z][a-z0-9-]{1,28}[a-z0-9]$/;

/** Returns an error message a user can act on, or undefined when the name is valid. */
export function validateAppName(name: unknown): string | undefined {
  if (typeof name !== "string" || name.length === 0) return "App name is required.";
  if (name.length < 3 || name.length > 30) {
    return `App name must be 3 to 30 characters long, got ${name.length}.`;
  }
  if (!APP_NAME.test(name) || name.includes("--")) {
    return "App name must use lowercase letters, digits and single dashes, start with a letter and not end with a dash.";
  }
  return undefined;
}

export const defaultHostname = (app: string, baseDomain: string) => `${app}.${baseDomain}`;

export const imageRepository = (app: string) => `pier/app-${app}`;

/** Images are tagged per build; a release points at its build's image. */
export const buildImageTag = (app: string, buildId: string) =>
  `${imageRepository(app)}:b-${buildId.replace(/-/g, "").slice(0, 12)}`;

export const instanceContainerName = (app: string, type: string, instanceId: string) =>
  `pier-${app}-${type}-${instanceId.replace(/-/g, "").slice(0, 10)}`;

export const builderContainerName = (app: string, buildId: string) =>
  `pier-build-${app}-${buildId.replace(/-/g, "").slice(0, 10)}`;
