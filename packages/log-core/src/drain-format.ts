/**
 * What drains receive: each log line as an RFC 5424 syslog message, octet-counted (RFC 6587) the
 * way Heroku's logplex sends them: `<190>1 2026-01-01T12:00:00.123Z d.TOKEN app web.1 - message`
 * framed as `<byte length> <message>`. HTTPS drains get the same frames in batches
 * (application/logplex-1).
 */

/** local7.info, as Heroku sends app lines. */
const PRI = 190;

/** The RFC 5424 message for one stored line (`<iso time> <source>[<dyno>]: <message>`). */
export function syslogMessage(storedText: string, drainToken: string): string {
  const space = storedText.indexOf(" ");
  const open = storedText.indexOf("[", space);
  const close = storedText.indexOf("]: ", open);
  if (space < 0 || open < 0 || close < 0) return `<${PRI}>1 - ${drainToken} pier logs - ${storedText}`;
  const time = storedText.slice(0, space);
  const source = storedText.slice(space + 1, open);
  const dyno = storedText.slice(open + 1, close);
  return `<${PRI}>1 ${time} ${drainToken} ${source} ${dyno} - ${storedText.slice(close + 3)}`;
}

/** One octet-counted frame: the byte length (UTF-8), a space, the message. */
export const octetFrame = (message: string): string => `${Buffer.byteLength(message, "utf8")} ${message}`;

/** A logplex batch for an HTTPS drain: the body and the headers Heroku sends with it. */
export function logplexBatch(storedTexts: string[], drainToken: string, frameId: string): { body: string; headers: Record<string, string> } {
  let body = "";
  for (const text of storedTexts) body += octetFrame(syslogMessage(text, drainToken));
  return {
    body,
    headers: {
      "content-type": "application/logplex-1",
      "logplex-msg-count": String(storedTexts.length),
      "logplex-frame-id": frameId,
      "logplex-drain-token": drainToken,
      "user-agent": "Pier-Logplex/1",
    },
  };
}

/** Retry delay after `failures` failed sends in a row: 0.5 s doubling to a minute. */
export const drainBackoffMs = (failures: number): number => Math.min(60_000, 500 * 2 ** Math.max(0, failures - 1));

/** The L10 line put in the app's log when a drain lost lines (it was down or slow longer than the log is kept). */
export const drainDroppedMessage = (count: number, since: string, drain: string): string =>
  `Error L10 (output buffer overflow): ${count} messages dropped since ${since} for drain ${drain}`;
