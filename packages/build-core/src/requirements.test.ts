import { describe, expect, it } from "vitest";
import { normalizeProjectName, requirementNames } from "./requirements.js";

describe("requirementNames", () => {
  const cases: [string, string, string[]][] = [
    ["pins and extras", "flask==3.1.3\ngunicorn[gevent]>=21\n", ["flask", "gunicorn"]],
    ["comments, options, blanks", "# web\n-r base.txt\n--index-url x\n\nDjango  # framework\n", ["django"]],
    ["markers", "pywin32; sys_platform == 'win32'\n", ["pywin32"]],
    ["urls skipped", "pkg @ https://example.invalid/pkg.whl\n", []],
    ["normalised names", "Flask_SQLAlchemy==3\n", ["flask-sqlalchemy"]],
  ];
  it.each(cases)("%s", (_n, text, names) => expect(requirementNames(text)).toEqual(names));

  it.each([
    ["Gunicorn", "gunicorn"],
    ["zope.interface", "zope-interface"],
    ["a__b--c", "a-b-c"],
  ])("normalizes %s", (name, expected) => expect(normalizeProjectName(name)).toBe(expected));
});
