/**
 * One Server-Sent Events message carrying several log lines, one `data:` field each (an
 * EventSource joins them with newlines). The id lets a reconnecting client resume after it.
 */
export function formatSseEvent(id: string | undefined, lines: string[]): string {
  let out = id === undefined ? "" : `id: ${id}\n`;
  // A CR inside a field would end it early: EventSource treats CR as a line end.
  for (const line of lines) out += `data: ${line.includes("\r") ? line.replace(/\r/g, "") : line}\n`;
  return `${out}\n`;
}

/** A comment line: keeps proxies and idle timeouts from closing a quiet stream. */
export const SSE_HEARTBEAT = ": keep-alive\n\n";

/**
 * Splits an event stream body into events' data as they arrive (for clients: the CLI, tests).
 * Returns the data of each complete event, and its id when it had one.
 */
export function createSseParser(onEvent: (e: { id?: string; data: string }) => void): { push(text: string): void } {
  let rest = "";
  return {
    push(text) {
      rest += text;
      let end: number;
      while ((end = rest.indexOf("\n\n")) >= 0) {
        const block = rest.slice(0, end);
        rest = rest.slice(end + 2);
        let id: string | undefined;
        const data: string[] = [];
        for (const field of block.split("\n")) {
          if (field.startsWith("data:")) data.push(field.slice(field[5] === " " ? 6 : 5));
          else if (field.startsWith("id:")) id = field.slice(field[3] === " " ? 4 : 3);
        }
        if (data.length > 0) onEvent({ ...(id === undefined ? {} : { id }), data: data.join("\n") });
      }
    },
  };
}
