import { describe, expect, it } from "vitest";
import { parseProcfile } from "./procfile.js";

describe("parseProcfile", () => {
  const ok: [string, string, Record<string, string>][] = [
    ["one web line", "web: gunicorn app:app\n", { web: "gunicorn app:app" }],
    [
      "several types, comments and blanks",
      "# processes\n\nweb: gunicorn app:app --workers 2\n  \nworker: celery -A tasks worker\n",
      { web: "gunicorn app:app --workers 2", worker: "celery -A tasks worker" },
    ],
    ["CRLF line ends", "web: python app.py\r\nclock: python clock.py\r\n", { web: "python app.py", clock: "python clock.py" }],
    ["names with _ and -", "web_2: a\nlong-runner: b", { web_2: "a", "long-runner": "b" }],
    ["no space after colon, colons in command", "web:python -c 'print(1)' a:b", { web: "python -c 'print(1)' a:b" }],
    ["empty file", "", {}],
  ];
  it.each(ok)("%s", (_name, text, processes) => {
    expect(parseProcfile(text)).toEqual({ ok: true, processes });
  });

  const bad: [string, string, RegExp][] = [
    ["duplicate name", "web: a\nweb: b\n", /line 2: process type "web" is declared twice/],
    ["no colon", "web gunicorn app:app", /line 1: expected "name: command"/],
    ["bad name", "web.1: a", /line 1: expected "name: command"/],
    ["empty command", "# c\nweb:   \n", /line 2: process type "web" has no command/],
  ];
  it.each(bad)("rejects %s", (_name, text, error) => {
    const r = parseProcfile(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(error);
  });
});
