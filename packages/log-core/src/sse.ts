/**
 * One Server-Sent Events message carrying several log lines, one `data:` field each (an
 * EventSource joins them with newlines). The id lets a reconnecting client resume after it.
 */
export function formatSseEvent(id: string | undefined, lines: string[]): string {
  // A CR inside a field would end it early: EventSource treats CR as a line end.
  let data = lines.join("\ndata: ");
  if (data.includes("\r")) data = data.replace(/\r/g, "");
  return `${id === undefined ? "" : `id: ${id}\n`}data: ${data}\n\n`;
}

/** A comment line: keeps proxies and idle timeouts from closing a quiet stream. */
export const SSE_HEARTBEAT = ": keep-alive\n\n";

/**
 * Splits an event stream body into events' data as they arrive (for clients: the CLI, tests).
 * Returns the data of each complete event, and its id when it had one.
 */
export function createSseParser(onEvent: (e: { id?: string; data: string }) => void): { push(text: string): void } {
  let rest = "";
  /** Where to look for the next blank line: what was searched already holds none. */
  let from = 0;
  return {
    push(text) {
      rest += text;
      let end: number;
      while ((end = rest.indexOf("\n\n", from)) >= 0) {
        const block = rest.slice(0, end);
        rest = rest.slice(end + 2);
        from = 0;
        const event = fastEvent(block) ?? slowEvent(block);
        if (event) onEvent(event);
      }
      from = Math.max(0, rest.length - 1);
    },
  };
}

/**
 * The shape Pier's server sends (an optional `id: ` line, then only `data: ` lines), taken apart
 * with whole-string operations: a tail client reads every line of a flood through here.
 */
function fastEvent(block: string): { id?: string; data: string } | undefined {
  let start = 0;
  let id: string | undefined;
  if (block.startsWith("id: ")) {
    start = block.indexOf("\n") + 1;
    if (start === 0) return undefined;
    id = block.slice(4, start - 1);
  }
  if (!block.startsWith("data: ", start)) return undefined;
  const body = block.slice(start + 6);
  const data = body.replaceAll("\ndata: ", "\n");
  // Every line must have been a `data: ` field; anything else goes the general way.
  if (countOf(body, "\n") !== countOf(body, "\ndata: ")) return undefined;
  return id === undefined ? { data } : { id, data };
}

function countOf(text: string, part: string): number {
  let n = 0;
  for (let at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length)) n++;
  return n;
}

function slowEvent(block: string): { id?: string; data: string } | undefined {
  let id: string | undefined;
  const data: string[] = [];
  for (const field of block.split("\n")) {
    if (field.startsWith("data:")) data.push(field.slice(field[5] === " " ? 6 : 5));
    else if (field.startsWith("id:")) id = field.slice(field[3] === " " ? 4 : 3);
  }
  return data.length > 0 ? { ...(id === undefined ? {} : { id }), data: data.join("\n") } : undefined;
}
