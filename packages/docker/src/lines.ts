/**
 * Turns chunks of bytes into lines (split on \n, \r\n or a lone \r, as progress bars use),
 * decoding UTF-8 across chunk boundaries. Call end() to flush a last unterminated line.
 */
export function lineSplitter(onLine: (line: string) => void): { push(chunk: Uint8Array): void; end(): void } {
  const decoder = new TextDecoder("utf-8");
  let rest = "";
  const drain = (text: string, final: boolean) => {
    let s = rest + text;
    // A trailing "\r" may be the first half of "\r\n": hold it until more text arrives.
    const hold = !final && s.endsWith("\r") ? "\r" : "";
    if (hold) s = s.slice(0, -1);
    const parts = s.split(/\r\n|\n|\r/);
    rest = (parts.pop() ?? "") + hold;
    for (const p of parts) onLine(p);
    if (final && rest !== "") {
      onLine(rest);
      rest = "";
    }
  };
  return {
    push: (chunk) => drain(decoder.decode(chunk, { stream: true }), false),
    end: () => drain(decoder.decode(), true),
  };
}
