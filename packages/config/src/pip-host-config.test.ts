import { describe, expect, it } from "vitest";
import { pipSettingsFromPipConfigList } from "./pip-host-config.js";

describe("pipSettingsFromPipConfigList", () => {
  it.each([
    ["", undefined],
    ["global.cert='/etc/ssl/certs/ca-certificates.crt'", undefined],
    [
      "global.extra-index-url='file:///opt/pypi/simple file:///opt/pypi-more/simple'\nglobal.find-links='/opt/wheels'",
      { indexUrl: "file:///opt/pypi/simple", extraIndexUrls: ["file:///opt/pypi-more/simple"], findLinks: ["/opt/wheels"] },
    ],
    [
      "global.index-url='https://mirror.example/simple'\nglobal.extra-index-url='file:///opt/pypi/simple'",
      { indexUrl: "https://mirror.example/simple", extraIndexUrls: ["file:///opt/pypi/simple"], findLinks: [] },
    ],
  ])("reads %j", (text, expected) => {
    expect(pipSettingsFromPipConfigList(text)).toEqual(expected);
  });
});
