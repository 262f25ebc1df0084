import { describe, expect, it } from "vitest";
import { findWsgiEntry } from "./wsgi.js";
import { sourceFilesFromRecord as sourceFiles } from "./source-files.js";

describe("findWsgiEntry", () => {
  const cases: [string, Record<string, string>, ReturnType<typeof findWsgiEntry>][] = [
    ["Flask app in app.py", { "app.py": "from flask import Flask\napp = Flask(__name__)\n" }, { module: "app", callable: "app" }],
    ["annotated assignment", { "app.py": "app: Flask = Flask(__name__)\n" }, { module: "app", callable: "app" }],
    ["application in wsgi.py", { "wsgi.py": "from x import make\napplication = make()\n" }, { module: "wsgi", callable: "application" }],
    ["def application", { "wsgi.py": "def application(environ, start_response):\n    pass\n" }, { module: "wsgi", callable: "application" }],
    ["wsgi.py wins over app.py", { "app.py": "app = 1\n", "wsgi.py": "app = 2\n" }, { module: "wsgi", callable: "app" }],
    ["application wins over app", { "app.py": "app = A()\napplication = app\n" }, { module: "app", callable: "application" }],
    ["indented assignment is not top-level", { "app.py": "def f():\n    app = Flask(__name__)\n" }, undefined],
    ["comparison is not assignment", { "app.py": "app == 1\n" }, undefined],
    ["longer name does not match", { "app.py": "app_config = {}\napplications = []\n" }, undefined],
    ["only in a subfolder", { "src/app.py": "app = Flask(__name__)\n" }, undefined],
    ["no files", {}, undefined],
  ];
  it.each(cases)("%s", (_n, files, expected) => expect(findWsgiEntry(sourceFiles(files))).toEqual(expected));
});
