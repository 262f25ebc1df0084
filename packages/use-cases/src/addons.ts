import { randomBytes, randomInt } from "node:crypto";
import {
  addonNameProblem, configVarName, defaultAttachmentName, findPlan, generatedAddonName, KINDS, normaliseAttachmentName, parseAdminInfo, parseKind,
  type AddonRuntimeInfo,
} from "@pier/addon-core";
import { errorMessage } from "@pier/docker";
import { type App } from "@pier/db";
import { findAccessibleApp } from "./app-access.js";
import { addonDockerNames, runAddonContainer } from "./addons-container.js";
import { addonAdmin, removeAddonContainer, removeAddonVolume } from "./addons-docker.js";
import { completeProvisioning } from "./addons-provisioning.js";
import { addonInclude, addonView, findAppAddon, type AddonDeps, type AddonView } from "./addons-view.js";
import { recordAudit } from "./audit.js";
import type { Actor } from "./deps.js";
import { UseCaseError } from "./errors.js";
import { encryptValue, secretKey } from "./secret-box.js";
import { isUniqueViolation } from "./unique-violation.js";

export interface CreateAddonParams {
  app: string;
  /** postgres | redis | mysql (Heroku service names too). */
  kind: string;
  plan?: string;
  /** Add-on name (default: generated, e.g. postgres-amber-12345). */
  name?: string;
  /** Attachment name: the config var is <AS>_URL (default DATABASE / REDIS / MYSQL). */
  as?: string;
}


/** Attachment name for `app`: `as` if given and free, else the kind's default or a derived one. */
export async function chooseAttachmentName(app: App, addonName: string, defaultName: string, as: string | undefined, deps: Pick<AddonDeps, "prisma">): Promise<string> {
  const taken = (await deps.prisma.addonAttachment.findMany({ where: { appId: app.id }, select: { name: true } })).map((a) => a.name);
  if (as === undefined) return defaultAttachmentName(defaultName, addonName, taken);
  const name = normaliseAttachmentName(as);
  if (typeof name !== "string") throw new UseCaseError("invalid_params", name.problem);
  if (taken.includes(name)) throw new UseCaseError("conflict", `${app.name} already has an add-on attached as ${name} (${configVarName(name)}): choose another --as.`);
  return name;
}

/**
 * Provisions a database: row, volume, container on the app's network, waits until it accepts
 * connections, then sets <AS>_URL on the app (a new release). A failure leaves the add-on
 * `failed` with the reason, no container, no volume and no config var.
 */
export async function createAddon(params: CreateAddonParams, actor: Actor, deps: AddonDeps): Promise<AddonView> {
  const app = await findAccessibleApp(params.app, actor, deps);
  const kind = parseKind(params.kind);
  if (!kind) throw new UseCaseError("invalid_params", `Pier has no "${params.kind.slice(0, 40)}" add-on: choose postgres, redis or mysql.`);
  const plan = findPlan(params.plan);
  if (typeof plan === "string") throw new UseCaseError("invalid_params", plan);
  const name = params.name ?? generatedAddonName(kind, randomInt(1000), randomInt(100000));
  const problem = addonNameProblem(name);
  if (problem) throw new UseCaseError("invalid_params", problem);
  const attachmentName = await chooseAttachmentName(app, name, KINDS[kind].defaultAttachment, params.as, deps);
  const key = await secretKey(deps.config);
  let addon;
  try {
    addon = await deps.prisma.addon.create({
      data: {
        name, kind, plan: plan.name, appId: app.id, state: "provisioning",
        ...addonDockerNames(name, deps.installationId),
        hostId: (await deps.prisma.host.findUnique({ where: { name: "local" }, select: { id: true } }))?.id ?? null,
        // Letters and digits only: safe in URLs and in every server's configuration syntax.
        username: `u${randomBytes(6).toString("hex")}`,
        passwordSealed: encryptValue(key, randomBytes(24).toString("base64url").replace(/[-_]/g, "x")),
        databaseName: `d${randomBytes(6).toString("hex")}`,
        attachAs: attachmentName,
      },
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new UseCaseError("conflict", `An add-on named ${name} already exists: choose another name.`);
    throw err;
  }
  await recordAudit({ action: "addon.create", app, details: { addon: name, kind, plan: plan.name } }, actor, deps);
  let version: string | undefined;
  try {
    version = await runAddonContainer(addon, deps);
  } catch (err) {
    await removeAddonContainer(deps.docker, addon.containerName);
    await removeAddonVolume(deps.docker, addon.volumeName);
    await deps.prisma.addon.update({ where: { id: addon.id }, data: { state: "failed", error: `Provisioning failed: ${errorMessage(err)}`.slice(0, 2000) } });
    deps.log?.(`add-on ${name} of ${app.name} failed: ${errorMessage(err)}`);
    throw new UseCaseError("unavailable", `Add-on ${name} could not be provisioned: ${errorMessage(err)}`);
  }
  // False only when this took so long that the maintenance pass took it for interrupted and finished or failed it.
  if (!(await completeProvisioning(addon, attachmentName, version, actor, deps))) deps.log?.(`add-on ${name}: provisioning was settled by the maintenance pass`);
  return addonView(await deps.prisma.addon.findUniqueOrThrow({ where: { id: addon.id }, include: addonInclude }));
}

/** The app's add-ons (owned, including destroyed ones still in their grace period) and those attached to it. */
export async function listAddons(params: { app: string }, actor: Actor, deps: Pick<AddonDeps, "prisma">): Promise<AddonView[]> {
  const app = await findAccessibleApp(params.app, actor, deps);
  const addons = await deps.prisma.addon.findMany({
    where: { OR: [{ appId: app.id, purgedAt: null }, { attachments: { some: { appId: app.id } } }] },
    include: addonInclude,
    orderBy: { createdAt: "asc" },
  });
  return addons.map(addonView);
}

export type AddonInfo = AddonView & { runtime: AddonRuntimeInfo & { error?: string } };

/** One add-on with what its server reports now: version, data size, client connections. */
export async function addonInfo(params: { app: string; addon: string }, actor: Actor, deps: AddonDeps): Promise<AddonInfo> {
  const app = await findAccessibleApp(params.app, actor, deps);
  const addon = await findAppAddon(app, params.addon, deps, true);
  if (addon.state !== "available") return { ...addonView(addon), runtime: {} };
  try {
    const out = await addonAdmin(deps.docker, addon.containerName, "info");
    if (out.exitCode !== 0) return { ...addonView(addon), runtime: { error: `the server did not answer: ${out.output.slice(-300)}` } };
    return { ...addonView(addon), runtime: parseAdminInfo(out.output) };
  } catch (err) {
    return { ...addonView(addon), runtime: { error: `the server did not answer: ${errorMessage(err)}` } };
  }
}
