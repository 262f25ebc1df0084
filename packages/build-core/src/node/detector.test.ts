import { describe, expect, it } from "vitest";
import { detectBuild } from "../detect.js";
import { sourceFilesFromRecord } from "../source-files.js";
import { checkNodeEngine } from "./engines.js";

const opts = { pip: { indexUrl: "https://pypi.org/simple", extraIndexUrls: [], findLinks: [] }, config: {}, pythonVersions: ["3.11"] };
const detect = (files: Record<string, string>) => detectBuild(sourceFilesFromRecord(files), opts);
const pkg = (p: object) => JSON.stringify(p);

describe("node detector", () => {
  it("npm with a lockfile and a build script: install with dev deps, build, prune; web from the start script", () => {
    const r = detect({ "package.json": pkg({ scripts: { start: "node server.js", build: "tsc" } }), "package-lock.json": "{}" });
    if (!r.ok) throw new Error(r.error);
    expect([r.plan.title, r.plan.detail]).toEqual(["Node.js", "18, npm"]);
    expect(r.plan.dependencyFiles).toEqual(["package.json", "package-lock.json"]);
    expect(r.plan.dependencySteps.map((s) => s.argv)).toEqual([["npm", "ci", "--no-audit", "--no-fund", "--include=dev"]]);
    expect(r.plan.steps.map((s) => s.argv)).toEqual([["npm", "run", "build"], ["npm", "prune", "--omit=dev", "--no-audit", "--no-fund"]]);
    expect(r.plan.processTypes.web).toEqual(["/bin/bash", "-c", "node server.js"]);
    expect(r.plan.dependencySteps[0]!.env).toMatchObject({ npm_config_cafile: "/etc/pier/ca-bundle.crt", npm_config_cache: "/cache/npm" });
  });

  it.each<[string, Record<string, string>, string[][], string[][]]>([
    ["yarn, no build: production install only", { "package.json": pkg({ scripts: { start: "node ." } }), "yarn.lock": "" },
      [["yarn", "install", "--frozen-lockfile", "--non-interactive", "--production=true"]], []],
    ["pnpm with heroku-postbuild", { "package.json": pkg({ scripts: { start: "x", "heroku-postbuild": "y", build: "z" } }), "pnpm-lock.yaml": "" },
      [["pnpm", "install", "--frozen-lockfile", "--store-dir", "/cache/pnpm", "--package-import-method", "copy", "--production=false"]],
      [["pnpm", "run", "heroku-postbuild"], ["pnpm", "install", "--frozen-lockfile", "--store-dir", "/cache/pnpm", "--package-import-method", "copy", "--prod", "--offline"]]],
    ["pnpm, no build: production install only", { "package.json": pkg({ scripts: { start: "x" } }), "pnpm-lock.yaml": "" },
      [["pnpm", "install", "--frozen-lockfile", "--store-dir", "/cache/pnpm", "--package-import-method", "copy", "--prod"]], []],
    ["no lockfile: npm install", { "package.json": pkg({}), "server.js": "" }, [["npm", "install", "--no-audit", "--no-fund", "--omit=dev"]], []],
  ])("%s", (_n, files, deps, steps) => {
    const r = detect(files);
    if (!r.ok) throw new Error(r.error);
    expect(r.plan.dependencySteps.map((s) => s.argv)).toEqual(deps);
    expect(r.plan.steps.map((s) => s.argv)).toEqual(steps);
  });

  it.each<[string, Record<string, string>, RegExp]>([
    ["two lockfiles", { "package.json": "{}", "yarn.lock": "", "package-lock.json": "" }, /^Found 2 lockfiles \(package-lock.json, yarn.lock\)/],
    ["no start script, no server.js", { "package.json": "{}" }, /^No web process: add a "start" script/],
    ["broken package.json", { "package.json": "{" }, /^package.json is not valid JSON/],
    ["engines.node excludes 18", { "package.json": pkg({ engines: { node: ">=20" }, scripts: { start: "x" } }) }, /asks for Node.js ">=20": this Pier provides Node.js 18/],
  ])("refuses: %s", (_n, files, error) => {
    const r = detect(files);
    expect(r.ok ? "passed" : r.error).toMatch(error);
  });

  it.each<[string, boolean]>([["18.x", true], ["^18.2", true], [">=16", true], ["20.x", false], ["^20 || ^22", false], ["^20 || 18", true], ["lts/*", true]])(
    "engines %s allowed: %s", (range, ok) => expect(checkNodeEngine(range).ok).toBe(ok));
});

describe("static and Dockerfile detectors", () => {
  it.each<[string, Record<string, string>, string, string[]]>([
    ["index.html at the root", { "index.html": "<h1>hi</h1>" }, "static", ["python3", "/opt/pier/python/pier_static.py", "/app"]],
    ["public/index.html", { "public/index.html": "", "README.md": "" }, "static", ["python3", "/opt/pier/python/pier_static.py", "/app/public"]],
    ["Dockerfile wins over requirements.txt", { Dockerfile: "FROM pier/stack-python:3.11", "requirements.txt": "" }, "dockerfile", []],
    ["package.json wins over public/index.html", { "package.json": pkg({ scripts: { start: "node s" } }), "public/index.html": "" }, "node", ["/bin/bash", "-c", "node s"]],
  ])("%s", (_n, files, kind, web) => {
    const r = detect(files);
    if (!r.ok) throw new Error(r.error);
    expect(r.plan.kind).toBe(kind);
    expect(r.plan.processTypes.web).toEqual(web);
  });
});
