import type { RouterError } from "./router-errors.js";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** A small self-contained page (no external assets) naming the host and the request id. */
export function renderErrorPage(error: RouterError, host: string, requestId: string): string {
  const h = escapeHtml(host || "(no Host header)");
  const id = escapeHtml(requestId);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${error.status} ${error.title}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;color:#222;background:#f6f6f4;margin:0}main{max-width:36em;margin:12vh auto;padding:0 1.5em}h1{font-size:1.6em;margin:0 0 .5em}p{margin:.5em 0}code{background:#e8e8e4;padding:0 .25em;border-radius:3px}.meta{color:#666;font-size:.85em;margin-top:2em}</style>
</head><body><main>
<h1>${error.title}</h1>
<p>${error.body}</p>
<p class="meta">Host: <code>${h}</code><br>Request ID: <code>${id}</code><br>HTTP ${error.status}</p>
</main></body></html>
`;
}
