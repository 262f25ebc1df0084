import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { pack } from "tar-stream";
import { sourceFilesFromTar } from "./read-source.js";
import { storeSourceTar } from "./store-source.js";

const dir = mkdtempSync(join(tmpdir(), "pier-store-source-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function tarBytes(entries: [string, string | null][]): Promise<Buffer> {
  const p = pack();
  for (const [name, body] of entries) {
    if (body === null) p.entry({ name, type: "directory" });
    else p.entry({ name }, body);
  }
  p.finalize();
  const chunks: Buffer[] = [];
  for await (const c of p as unknown as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks);
}

async function stored(bytes: Buffer, name: string) {
  const dest = join(dir, name);
  await storeSourceTar(Readable.from([bytes]), dest);
  return (await sourceFilesFromTar(Readable.from([readFileSync(dest)]))).paths;
}

describe("storeSourceTar", () => {
  it.each<[string, [string, string | null][], boolean, string[]]>([
    ["plain tar kept as is", [["app.py", "x"], ["lib/a.py", "y"]], false, ["app.py", "lib/a.py"]],
    ["gzipped tar undone", [["app.py", "x"]], true, ["app.py"]],
    ["single top folder stripped (GitHub tarball)", [["repo-abc/", null], ["repo-abc/app.py", "x"], ["repo-abc/lib/a.py", "y"]], true, ["app.py", "lib/a.py"]],
    ["two top folders kept", [["a/x.py", "x"], ["b/y.py", "y"]], false, ["a/x.py", "b/y.py"]],
    ["a folder beside a root file kept", [["src/x.py", "x"], ["requirements.txt", "y"]], false, ["src/x.py", "requirements.txt"]],
  ])("%s", async (_n, entries, gzip, paths) => {
    const bytes = await tarBytes(entries);
    expect(await stored(gzip ? gzipSync(bytes) : bytes, `${_n.length}.tar`)).toEqual(paths);
  });

  it("rejects something that is not a tar archive", async () => {
    await expect(stored(gzipSync(Buffer.from("not a tar file at all, just text".repeat(20))), "bad.tar")).rejects.toThrow();
  });
});
