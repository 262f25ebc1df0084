export { type LogLine, type LogSource, formatLogLine, formatLogText, parseLogLine, cleanMessage } from "./log-line.js";
export { type LogFilter, LogFilterError, parseLogFilter, matchesLogFilter } from "./filter.js";
export { type LogRetention, DEFAULT_LOG_RETENTION, DEFAULT_READER_BUFFER_LINES, logRetentionFromEnv, retentionPlan } from "./retention.js";
export { normalizeDockerTimestamp, dockerTimestampMs, dockerTimestampIso, dockerSinceParam } from "./docker-timestamp.js";
export { type LogCursor, advanceCursor, resumeGate, encodeCursor, decodeCursor } from "./log-cursor.js";
export { type DockerLogMessage, createDockerLogDecoder } from "./docker-log-decoder.js";
export { formatSseEvent, SSE_HEARTBEAT, createSseParser } from "./sse.js";
export { processExitMessages, crashLoopMessage, CRASH_LOOP_EXITS, CRASH_LOOP_WINDOW_MS } from "./platform-messages.js";
