import type { AddonKind } from "./kinds.js";

const WORDS = ["amber", "aqua", "coral", "crimson", "gold", "indigo", "ivory", "jade", "olive", "onyx", "pearl", "ruby", "sage", "silver", "teal", "violet"];

/** "postgres-amber-12345" from two random numbers the caller draws. */
export function generatedAddonName(kind: AddonKind, wordIndex: number, number: number): string {
  return `${kind}-${WORDS[Math.abs(wordIndex) % WORDS.length]}-${String(Math.abs(number) % 100000).padStart(5, "0")}`;
}

const ADDON_NAME = /^[a-z][a-z0-9-]{1,48}[a-z0-9]$/;

/** An add-on name is also its host name on the app network: a DNS label. */
export function addonNameProblem(name: string): string | undefined {
  return ADDON_NAME.test(name) && !name.includes("--")
    ? undefined
    : `"${name.slice(0, 60)}" is not an add-on name: use 3 to 50 lowercase letters, digits and single dashes, starting with a letter.`;
}

const ATTACHMENT = /^[A-Z][A-Z0-9_]{0,59}$/;

/** `--as` names are upper-cased; the config var is <NAME>_URL. */
export function normaliseAttachmentName(raw: string): string | { problem: string } {
  const name = raw.toUpperCase().replace(/-/g, "_").replace(/_URL$/, "");
  return ATTACHMENT.test(name) && !["PORT", "DYNO"].includes(name)
    ? name
    : { problem: `"${raw.slice(0, 60)}" cannot name an attachment: use letters, digits and _ (a letter first), e.g. DATABASE.` };
}

export const configVarName = (attachmentName: string) => `${attachmentName}_URL`;

/**
 * The attachment name for an add-on joining an app: the kind's default (DATABASE, REDIS, MYSQL)
 * when free, else one made from the add-on's name (POSTGRES_AMBER_12345), like Heroku's colours.
 */
export function defaultAttachmentName(defaultName: string, addonName: string, taken: readonly string[]): string {
  if (!taken.includes(defaultName)) return defaultName;
  return addonName.toUpperCase().replace(/-/g, "_");
}

/** Docker names include the installation so installations sharing an engine never collide. */
export const addonContainerName = (addonName: string, installationId: string) => `pier-addon-${addonName}-${installationId.slice(0, 8)}`;
export const addonVolumeName = (addonName: string, installationId: string) => `pier-addon-${addonName}-${installationId.slice(0, 8)}-data`;
/** The per-app network that add-ons and the app's instances join; app ids are unique uuids. */
export const appNetworkName = (appId: string) => `pier-app-${appId}`;
