import { describe, expect, it } from "vitest";
import { pipMounts } from "./pip-mounts.js";

const ro = (p: string) => ({ hostPath: p, containerPath: p, readOnly: true });

describe("pipMounts", () => {
  const cases: [string, Parameters<typeof pipMounts>[0], ReturnType<typeof pipMounts>][] = [
    [
      "this machine's mirror: parents of simple/ indexes, find-links dir",
      { indexUrl: "file:///opt/pypi/simple", extraIndexUrls: ["file:///opt/pypi-more/simple/"], findLinks: ["/opt/wheels"] },
      [ro("/opt/pypi"), ro("/opt/pypi-more"), ro("/opt/wheels")],
    ],
    [
      "network locations need no mount",
      { indexUrl: "https://pypi.org/simple", extraIndexUrls: ["http://mirror.internal/simple"], findLinks: ["https://x.example/wheels/"] },
      [],
    ],
    [
      "index not named simple is mounted itself; file:// find-links; escapes decoded",
      { indexUrl: "file:///srv/my%20index", extraIndexUrls: [], findLinks: ["file:///srv/wheels/"] },
      [ro("/srv/my index"), ro("/srv/wheels")],
    ],
    [
      "nested and duplicate paths collapse into their ancestor",
      { indexUrl: "file:///opt/pypi/simple", extraIndexUrls: ["file:///opt/pypi/simple"], findLinks: ["/opt/pypi/files", "/opt/pypiextra"] },
      [ro("/opt/pypi"), ro("/opt/pypiextra")],
    ],
  ];
  it.each(cases)("%s", (_n, pip, mounts) => expect(pipMounts(pip)).toEqual(mounts));

  it("refuses to mount /", () => {
    expect(() => pipMounts({ indexUrl: "file:///simple", extraIndexUrls: [], findLinks: [] })).toThrow(/resolves to \//);
  });
});
