import { describe, expect, it } from "vitest";
import { dependencyLayerKey, type LayerKeyInput } from "./layer-key.js";

const base: LayerKeyInput = {
  stackImageId: "sha256:stack",
  plan: {
    dependencyFiles: ["requirements.txt"],
    generatedFiles: {},
    dependencySteps: [{ name: "pip", argv: ["pip", "install", "--index-url", "file:///i", "-r", "requirements.txt"], env: { A: "1" } }],
  },
  fileDigests: { "requirements.txt": "aaa", "app.py": "bbb" },
};
const key = dependencyLayerKey(base);

describe("dependencyLayerKey", () => {
  it.each<[string, LayerKeyInput, boolean]>([
    ["same inputs", { ...base }, true],
    ["a source file that is not a dependency file changed", { ...base, fileDigests: { ...base.fileDigests, "app.py": "ccc" } }, true],
    ["the requirements changed", { ...base, fileDigests: { ...base.fileDigests, "requirements.txt": "zzz" } }, false],
    ["the stack image changed", { ...base, stackImageId: "sha256:other" }, false],
    ["the package index changed", { ...base, plan: { ...base.plan, dependencySteps: [{ name: "pip", argv: ["pip", "install", "--index-url", "https://pypi.org/simple", "-r", "requirements.txt"] }] } }, false],
    ["a generated file changed", { ...base, plan: { ...base.plan, generatedFiles: { ".pier/r.txt": "x" } } }, false],
  ])("%s", (_n, input, same) => expect(dependencyLayerKey(input) === key).toBe(same));
});
