import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NOTHING_DETECTED, type PipSettings } from "@pier/build-core";
import {
  connectDocker, containerLiveness, containerLogsTail, LABEL, listPierContainers, startInstance, stopContainer, waitForHttp,
} from "@pier/docker";
import { BuildError } from "./build-error.js";
import { runBuild } from "./run-build.js";

// Real Docker, the stack image (infra/stack/build-python.sh) and this machine's pip mirror.
const STACK = process.env.PIER_STACK_IMAGE ?? "pier/stack-python:3.11";
const docker = connectDocker(process.env.PIER_DOCKER_SOCKET ?? "/var/run/docker.sock");
const pip: PipSettings = { indexUrl: "file:///opt/pypi/simple", extraIndexUrls: ["file:///opt/pypi-more/simple"], findLinks: ["/opt/wheels"] };
const prefix = `pier-test-br-${randomBytes(3).toString("hex")}`;
const labels = { [LABEL.app]: prefix };
const cacheVolume = `${prefix}-cache`;
const work = mkdtempSync(join(tmpdir(), `${prefix}-`));
const images: string[] = [];
const EXEC = "/opt/pier/bin/pier-exec";

const FLASK_APP = `from flask import Flask

app = Flask(__name__)


@app.route("/")
def index():
    return "Hello from Pier"
`;

/** `git archive --format=tar` of a one-commit repository holding `files`. */
function sourceTar(name: string, files: Record<string, string>): string {
  const dir = join(work, name);
  const git = (...args: string[]) => {
    const r = spawnSync("git", ["-C", dir, "-c", "user.email=t@example.invalid", "-c", "user.name=t", ...args]);
    if (r.status !== 0) throw new Error(`git ${args.join(" ")} failed: ${r.stderr.toString()}`);
  };
  spawnSync("mkdir", ["-p", dir]);
  for (const [path, text] of Object.entries(files)) writeFileSync(join(dir, path), text);
  git("init", "-q");
  git("add", ".");
  git("commit", "-qm", "init");
  const tar = join(work, `${name}.tar`);
  git("archive", "--format=tar", "-o", tar, "HEAD");
  return tar;
}

async function build(name: string, files: Record<string, string>, output: string[]) {
  const imageTag = `pier/${prefix}:${name}`;
  images.push(imageTag);
  const t0 = Date.now();
  const result = await runBuild({
    docker, sourceTarPath: sourceTar(name, files), stacks: { "python-3.11": STACK }, imageTag, pip, labels, cacheVolume,
    timeoutMs: 5 * 60_000, onOutput: (l) => output.push(l),
  });
  return { result, ms: Date.now() - t0 };
}

beforeAll(async () => {
  await docker.getImage(STACK).inspect();
});

afterAll(async () => {
  for (const c of await listPierContainers(docker, labels)) await stopContainer(docker, c.id, { graceSeconds: 0 });
  // Dependency layers are tagged in the same repository as the builds.
  const layers = await docker.listImages({ filters: JSON.stringify({ reference: [`pier/${prefix}:deps-*`] }) });
  for (const tag of [...images, ...layers.flatMap((l) => l.RepoTags ?? [])]) {
    await docker.getImage(tag).remove({ force: true }).catch((err: { statusCode?: number }) => {
      if (err.statusCode !== 404) throw err;
    });
  }
  await docker.getVolume(cacheVolume).remove().catch((err: { statusCode?: number }) => {
    if (err.statusCode !== 404) throw err;
  });
  rmSync(work, { recursive: true, force: true });
});

// Cold builds on a loaded 2-core host can take minutes.
const COLD = 300_000;

describe("runBuild on a real Docker engine", () => {
  it("builds a Flask app that gunicorn serves on $PORT, then rebuilds it (second run timed)", async () => {
    const files = { "requirements.txt": "flask\n", "app.py": FLASK_APP };
    const output: string[] = [];
    const cold = await build("b-cold", files, output);
    expect(output[0]).toBe("-----> Python app detected (3.11)");
    expect(output).toContain("-----> Installing requirements.txt and gunicorn with pip");
    expect(output.some((l) => /^ {7}Successfully installed .*flask-/i.test(l))).toBe(true);
    expect(cold.result).toMatchObject({ kind: "python", imageTag: `pier/${prefix}:b-cold`, processTypes: { web: [EXEC, "/app/.venv/bin/gunicorn", "app:app"] } });

    const image = await docker.getImage(cold.result.imageTag).inspect();
    expect(image.Id).toBe(cold.result.imageId);
    expect(image.Config.Cmd).toEqual([EXEC, "/app/.venv/bin/gunicorn", "app:app"]);
    expect(image.Config.Env).toEqual(expect.arrayContaining(["PYTHONUNBUFFERED=1", "FORWARDED_ALLOW_IPS=*", "PATH=/app/.venv/bin:/usr/local/bin:/usr/bin:/bin"]));
    expect(image.Config.Labels).toMatchObject({ [LABEL.app]: prefix, [LABEL.role]: "image" });
    expect(await listPierContainers(docker, { ...labels, [LABEL.role]: "build" })).toEqual([]);

    const { containerId, hostPort } = await startInstance(docker, {
      name: `${prefix}-web-1`, image: cold.result.imageTag, cmd: cold.result.processTypes.web!, env: {}, labels, port: 5000,
    });
    await waitForHttp({ host: "127.0.0.1", port: hostPort, timeoutMs: 30_000, ...containerLiveness(docker, containerId) });
    const res = await fetch(`http://127.0.0.1:${hostPort}/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("Hello from Pier");
    // gunicorn took PORT by itself, on all interfaces of the container, and WEB_CONCURRENCY from pier-exec.
    const logs = await containerLogsTail(docker, containerId, 20);
    expect(logs).toContain("Listening at: http://0.0.0.0:5000");
    expect(logs.match(/Booting worker with pid/g)?.length).toBe(2);
    await stopContainer(docker, containerId, { graceSeconds: 10 });

    const warmOutput: string[] = [];
    const warm = await build("b-warm", { ...files, "app.py": FLASK_APP.replace("Hello from Pier", "Hello again") }, warmOutput);
    console.log(`tiny Flask app build: cold ${cold.ms} ms, code change with the same requirements ${warm.ms} ms`);
    expect(cold.result.reusedDependencies).toBe(false);
    expect(warm.result.reusedDependencies).toBe(true);
    expect(warmOutput).toContain("-----> Reusing installed dependencies (requirements.txt unchanged)");
    expect(warmOutput.some((l) => /pip|Successfully installed/.test(l))).toBe(false);
    expect(warm.result.imageId).not.toBe(cold.result.imageId);
    // The warm image has the new source on the old venv, and Pier's support files.
    const check = await startInstance(docker, {
      name: `${prefix}-web-3`, image: warm.result.imageTag, cmd: warm.result.processTypes.web!, env: {}, labels, port: 5000,
    });
    await waitForHttp({ host: "127.0.0.1", port: check.hostPort, timeoutMs: 30_000, ...containerLiveness(docker, check.containerId) });
    expect(await (await fetch(`http://127.0.0.1:${check.hostPort}/`)).text()).toBe("Hello again");
    await stopContainer(docker, check.containerId, { graceSeconds: 5 });
  }, COLD);

  it("runs a Procfile web command through the shell, and SIGTERM reaches gunicorn so it shuts down gracefully", async () => {
    const files = {
      "requirements.txt": "flask\ngunicorn\n",
      "app.py": FLASK_APP,
      Procfile: "# the user's own command line\nweb: cd /app && gunicorn --bind 0.0.0.0:$PORT --workers 2 app:app\n",
    };
    const output: string[] = [];
    const { result } = await build("b-procfile", files, output);
    expect(output).toContain("-----> Installing requirements.txt with pip");
    expect(result.processTypes).toEqual({ web: [EXEC, "/bin/bash", "-c", "cd /app && gunicorn --bind 0.0.0.0:$PORT --workers 2 app:app"] });

    const { containerId, hostPort } = await startInstance(docker, {
      name: `${prefix}-web-2`, image: result.imageTag, cmd: result.processTypes.web!, env: {}, labels, port: 5000,
    });
    await waitForHttp({ host: "127.0.0.1", port: hostPort, timeoutMs: 30_000, ...containerLiveness(docker, containerId) });
    expect(await (await fetch(`http://127.0.0.1:${hostPort}/`)).text()).toBe("Hello from Pier");

    const t0 = Date.now();
    await docker.getContainer(containerId).stop({ t: 20 });
    expect(Date.now() - t0).toBeLessThan(10_000);
    const logs = await containerLogsTail(docker, containerId, 50);
    expect(logs).toContain("Handling signal: term");
    expect(logs).toContain("Shutting down: Master");
    const { State } = await docker.getContainer(containerId).inspect();
    expect(State.ExitCode).toBe(0);
    await stopContainer(docker, containerId, { graceSeconds: 0 });
  }, COLD);

  it("fails with a BuildError naming the missing requirement, and removes the builder", async () => {
    const output: string[] = [];
    const err = await build("b-missing", { "requirements.txt": "flask\nnosuchpackage-pier==1.0\n", "app.py": FLASK_APP }, output).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(BuildError);
    expect((err as Error).message).toMatch(
      /^Installing requirements.txt and gunicorn with pip failed with exit code 1: ERROR: Could not find a version that satisfies the requirement nosuchpackage-pier==1.0/,
    );
    expect(output.some((l) => l.includes("No matching distribution found for nosuchpackage-pier==1.0"))).toBe(true);
    expect(await listPierContainers(docker, { ...labels, [LABEL.role]: "build" })).toEqual([]);
    await expect(docker.getImage(`pier/${prefix}:b-missing`).inspect()).rejects.toMatchObject({ statusCode: 404 });
  }, COLD);

  it("keeps one dependency layer per app: a new one replaces the last", async () => {
    const layers = async () => (await docker.listImages({ filters: JSON.stringify({ reference: [`pier/${prefix}:deps-*`] }) })).flatMap((l) => l.RepoTags ?? []);
    const before = await layers();
    expect(before).toHaveLength(1);
    await build("b-newdeps", { "requirements.txt": "flask\nitsdangerous\n", "app.py": FLASK_APP }, []);
    const after = await layers();
    expect(after).toHaveLength(1);
    expect(after).not.toEqual(before);
  }, COLD);

  it("rejects source it cannot detect before starting any container", async () => {
    await expect(build("b-none", { "README.md": "hi" }, [])).rejects.toThrow(new BuildError(NOTHING_DETECTED));
  });

  it("times out with a BuildError and removes the builder (new requirements: no layer to reuse)", async () => {
    const imageTag = `pier/${prefix}:b-slow`;
    images.push(imageTag);
    await expect(
      runBuild({
        docker, sourceTarPath: sourceTar("b-slow", { "requirements.txt": "flask\nrequests\n", "app.py": FLASK_APP }), stacks: { "python-3.11": STACK },
        imageTag, pip, labels, timeoutMs: 1_500, onOutput: () => undefined,
      }),
    ).rejects.toThrow(/^Build timed out after 1.5 s/);
    expect(await listPierContainers(docker, { ...labels, [LABEL.role]: "build" })).toEqual([]);
  });
});
