import { spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { pack } from "tar-stream";
import { MAX_READ_BYTES, normalizeTarPath, sourceFilesFromTar } from "./read-source.js";

function tarOf(entries: { name: string; type?: "file" | "directory" | "symlink"; body?: string; linkname?: string }[]): Readable {
  const p = pack();
  for (const e of entries) {
    if (e.type === "directory") p.entry({ name: e.name, type: "directory" });
    else if (e.type === "symlink") p.entry({ name: e.name, type: "symlink", linkname: e.linkname ?? "x" });
    else p.entry({ name: e.name }, e.body ?? "");
  }
  p.finalize();
  return p as unknown as Readable;
}

describe("normalizeTarPath", () => {
  it.each([
    ["app.py", "app.py"],
    ["./app.py", "app.py"],
    ["src/", "src"],
    ["./", undefined],
    ["a//b/./c.py", "a/b/c.py"],
    ["../etc/passwd", undefined],
  ])("%s", (name, expected) => expect(normalizeTarPath(name)).toBe(expected));
});

describe("sourceFilesFromTar", () => {
  it("lists every file, reads small root files and Python files one folder down, hashes root files", async () => {
    const src = await sourceFilesFromTar(
      tarOf([
        { name: "src/", type: "directory" },
        { name: "src/app.py", body: "app = 1\n" },
        { name: "requirements.txt", body: "flask\n" },
        { name: "Procfile", type: "symlink", linkname: "src/Procfile" },
        { name: "big.txt", body: "x".repeat(MAX_READ_BYTES + 1) },
        { name: "unicode.py", body: "s = 'h€llo'\n" },
        { name: "src/deep/x.py", body: "x = 1\n" },
      ]),
    );
    expect(src.paths).toEqual(["src/app.py", "requirements.txt", "Procfile", "big.txt", "unicode.py", "src/deep/x.py"]);
    expect(src.digests["requirements.txt"]).toBe("76f8bae45e807865955344c1a58882d38c8ceb4f855f58091642b7d48290af97");
    expect(Object.keys(src.digests)).toEqual(["requirements.txt", "big.txt", "unicode.py"]);
    expect(src.rootFile("big.txt")?.length).toBe(MAX_READ_BYTES + 1);
    expect(src.read("src/deep/x.py")).toBeUndefined();
    expect(src.read("requirements.txt")).toBe("flask\n");
    expect(src.read("unicode.py")).toBe("s = 'h€llo'\n");
    expect(src.read("src/app.py")).toBe("app = 1\n");
    expect(src.read("big.txt")).toBeUndefined();
    expect(src.read("Procfile")).toBeUndefined();
    expect(src.read("missing")).toBeUndefined();
  });

  it("reads `git archive --format=tar` output (pax global header with the commit id)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pier-read-source-"));
    try {
      mkdirSync(join(dir, "pkg"));
      writeFileSync(join(dir, "requirements.txt"), "flask\n");
      writeFileSync(join(dir, "pkg", "__init__.py"), "");
      const git = (...args: string[]) => {
        const r = spawnSync("git", ["-C", dir, "-c", "user.email=t@example.invalid", "-c", "user.name=t", ...args]);
        if (r.status !== 0) throw new Error(`git ${args.join(" ")} failed: ${r.stderr.toString()}`);
        return r.stdout;
      };
      git("init", "-q");
      git("add", ".");
      git("commit", "-qm", "init");
      const src = await sourceFilesFromTar(Readable.from([git("archive", "--format=tar", "HEAD")]));
      expect(src.paths.sort()).toEqual(["pkg/__init__.py", "requirements.txt"]);
      expect(src.read("requirements.txt")).toBe("flask\n");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("rejects a stream that is not a tar archive", async () => {
    await expect(sourceFilesFromTar(Readable.from([Buffer.from("not a tar ".repeat(100))]))).rejects.toThrow();
  });
});
