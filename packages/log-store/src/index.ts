export { LOG_STREAM_PREFIX, logStreamKey, logCursorsKey, logSessionKey, logReadersKey } from "./keys.js";
export type { StoredLogLine } from "./entries.js";
export { appendLogLines, appendAppLines, trimSlack, type AppLogLine, type CursorUpdate } from "./append.js";
export { trimOldLogs } from "./trim.js";
export { readRecentLogs, followLogs, forgetLogReader, lineNumber, READER_LEASE_MS } from "./read.js";
export { readContainerLogStates, appendContainerLines, forgetContainers, type ContainerLogState } from "./cursors.js";
export { createLogSession, readLogSession, type LogSessionSpec } from "./sessions.js";
