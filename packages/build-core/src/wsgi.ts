import type { SourceFiles } from "./types.js";

export interface WsgiEntry {
  module: string;
  callable: string;
}

// Conventional entry files first, and gunicorn's default callable name first.
const FILES = ["wsgi.py", "app.py"];
const CALLABLES = ["application", "app"];

function definesAtTopLevel(text: string, name: string): boolean {
  // `app = Flask(__name__)`, `app: Flask = ...`, or `def application(environ, start_response):`,
  // at the start of a line (indented names are not module-level).
  const assignment = new RegExp(`^${name}[ \\t]*(?::[^=\\n]*)?=(?!=)`, "m");
  const definition = new RegExp(`^def[ \\t]+${name}[ \\t]*\\(`, "m");
  return assignment.test(text) || definition.test(text);
}

/** Finds a WSGI callable in wsgi.py or app.py at the source root, by a simple text match. */
export function findWsgiEntry(src: SourceFiles): WsgiEntry | undefined {
  for (const file of FILES) {
    const text = src.read(file);
    if (text === undefined) continue;
    for (const callable of CALLABLES) {
      if (definesAtTopLevel(text, callable)) return { module: file.replace(/\.py$/, ""), callable };
    }
  }
  return undefined;
}
