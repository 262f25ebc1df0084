/** Each app's log is one Redis stream, named by the app (the router knows apps by name). */
export const LOG_STREAM_PREFIX = "pier:logs:app:";
export const logStreamKey = (app: string) => `${LOG_STREAM_PREFIX}${app}`;
/** Per installation: container id -> how far its log is stored (see LogCursor). */
export const logCursorsKey = (installationId: string) => `pier:logs:cursors:${installationId}`;
export const logSessionKey = (id: string) => `pier:logs:session:${id}`;
/** Per app: live tail reader id -> `<line number read> <expiry ms>` (see followLogs; appends keep what readers still need). */
export const logReadersKey = (app: string) => `pier:logs:readers:${app}`;
