import type { SourceFiles } from "../types.js";
import { findWsgiEntry } from "../wsgi.js";

/** How the default web process serves an app found without a Procfile `web:` line. */
export type WebEntry =
  | { server: "wsgi"; target: string }
  | { server: "asgi"; target: string }
  | { server: "django"; target: string };

const ASGI_FILES = ["main.py", "app.py", "asgi.py", "app/main.py"];
const ASGI_FRAMEWORK = /^\s*(?:from|import)\s+(fastapi|starlette|quart|litestar)\b/m;
const ASGI_APP = /^app[ \t]*(?::[^=\n]*)?=(?!=)/m;

/** `manage.py`'s DJANGO_SETTINGS_MODULE package ("mysite.settings" -> "mysite"). */
function djangoProject(src: SourceFiles): string | undefined {
  const manage = src.read("manage.py") ?? "";
  const named = /DJANGO_SETTINGS_MODULE["']\s*,\s*["']([A-Za-z0-9_.]+)\.settings["']/.exec(manage)?.[1];
  if (named && src.paths.includes(`${named.replace(/\./g, "/")}/wsgi.py`)) return named;
  const wsgi = src.paths.filter((p) => /^[A-Za-z0-9_]+\/wsgi\.py$/.test(p));
  return wsgi.length === 1 ? wsgi[0]!.slice(0, -"/wsgi.py".length) : undefined;
}

/** Pure: Django by manage.py, then an ASGI framework's `app`, then a WSGI callable. */
export function findWebEntry(src: SourceFiles): WebEntry | { error: string } | undefined {
  if (src.paths.includes("manage.py")) {
    const project = djangoProject(src);
    if (!project) return { error: "manage.py found but no <project>/wsgi.py beside it: add one, or a Procfile `web:` line" };
    return { server: "django", target: `${project}.wsgi:application` };
  }
  for (const file of ASGI_FILES) {
    const text = src.read(file);
    if (text && ASGI_FRAMEWORK.test(text) && ASGI_APP.test(text)) {
      return { server: "asgi", target: `${file.replace(/\.py$/, "").replace(/\//g, ".")}:app` };
    }
  }
  const wsgi = findWsgiEntry(src);
  return wsgi ? { server: "wsgi", target: `${wsgi.module}:${wsgi.callable}` } : undefined;
}
