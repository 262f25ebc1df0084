#!/usr/bin/env node
import { realpathSync } from "node:fs";
import { pathToFileURL } from "node:url";
import type { Command } from "./command.js";
import { accessAdd, accessList, accessRemove } from "./commands/access.js";
import { adminRotateSecretKey } from "./commands/admin.js";
import { addonsAttach, addonsCreate, addonsDestroy, addonsInfo, addonsList, addonsRestore, addonsRotate } from "./commands/addons.js";
import { mysql, psql, redisCli } from "./commands/addons-session.js";
import { appsCreate, appsDestroy, appsInfo, appsList, appsRename, open } from "./commands/apps.js";
import { audit } from "./commands/audit.js";
import { backupsCapture, backupsDelete, backupsDownload, backupsInfo, backupsList, backupsRestore, backupsSchedule } from "./commands/backups.js";
import { buildsCachePurge, buildsList, buildsOutput } from "./commands/builds.js";
import { configGet, configList, configSet, configUnset } from "./commands/config.js";
import { domainsAdd, domainsList, domainsRemove, maintenanceOff, maintenanceOn, redirectOff, redirectOn } from "./commands/domains.js";
import { gitCredential } from "./commands/git-credential.js";
import { hostsAdd, hostsDrain, hostsList, hostsRemove, hostsUndrain } from "./commands/hosts.js";
import { keysAdd, keysList, keysRemove } from "./commands/keys.js";
import { login, logout, whoami } from "./commands/login.js";
import { logs } from "./commands/logs.js";
import { drainsAdd, drainsList, drainsRemove } from "./commands/drains.js";
import { metricsCommand } from "./commands/metrics.js";
import { ps, psResize, psRestart, psScale } from "./commands/ps.js";
import { releasesInfo, releasesList, rollbackCommand } from "./commands/releases.js";
import { runCommand } from "./commands/run.js";
import { tokensCreate, tokensList, tokensRevoke } from "./commands/tokens.js";
import { passwd, usersCreate, usersDisable, usersEnable, usersList, usersRemove, usersRole } from "./commands/users.js";
import { runCli } from "./run.js";

/** Every command, in the order `pier help` lists them. docs/cli.md is generated from this list. */
export const COMMANDS: Command[] = [
  login,
  logout,
  whoami,
  appsList,
  appsCreate,
  appsInfo,
  appsRename,
  appsDestroy,
  open,
  configList,
  configGet,
  configSet,
  configUnset,
  buildsList,
  buildsOutput,
  buildsCachePurge,
  releasesList,
  releasesInfo,
  rollbackCommand,
  accessList,
  accessAdd,
  accessRemove,
  domainsList,
  domainsAdd,
  domainsRemove,
  redirectOn,
  redirectOff,
  maintenanceOn,
  maintenanceOff,
  addonsList,
  addonsCreate,
  addonsInfo,
  addonsAttach,
  addonsRotate,
  addonsDestroy,
  addonsRestore,
  psql,
  redisCli,
  mysql,
  backupsList,
  backupsCapture,
  backupsInfo,
  backupsRestore,
  backupsDownload,
  backupsDelete,
  backupsSchedule,
  logs,
  drainsList,
  drainsAdd,
  drainsRemove,
  metricsCommand,
  ps,
  psScale,
  psResize,
  psRestart,
  runCommand,
  hostsList,
  hostsAdd,
  hostsDrain,
  hostsUndrain,
  hostsRemove,
  keysList,
  keysAdd,
  keysRemove,
  tokensList,
  tokensCreate,
  tokensRevoke,
  usersList,
  usersCreate,
  usersRole,
  usersDisable,
  usersEnable,
  usersRemove,
  passwd,
  audit,
  adminRotateSecretKey,
  gitCredential,
];

// Run only as the program, not when imported (the docs generator imports COMMANDS).
if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  process.exit(await runCli(COMMANDS, process.argv.slice(2)));
}
