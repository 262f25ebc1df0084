import { describe, expect, it } from "vitest";
import { diffSnapshots, emptySnapshot, formatAppEvent, type AppEvent, type AppSnapshot } from "./diff.js";

const snap = (parts: Partial<AppSnapshot>): AppSnapshot => ({ ...emptySnapshot(), ...parts });

describe("diffSnapshots", () => {
  const cases: { name: string; before: AppSnapshot; after: AppSnapshot; want: AppEvent[] }[] = [
    { name: "nothing changed", before: snap({ build: { b1: "pending" } }), after: snap({ build: { b1: "pending" } }), want: [] },
    { name: "a new build", before: snap({}), after: snap({ build: { b1: "pending" } }), want: [{ kind: "build", id: "b1", state: "pending" }] },
    {
      name: "a build finishes",
      before: snap({ build: { b1: "pending" } }),
      after: snap({ build: { b1: "succeeded" } }),
      want: [{ kind: "build", id: "b1", state: "succeeded" }],
    },
    {
      name: "an instance goes away while another comes up",
      before: snap({ instance: { "web.1": "up" } }),
      after: snap({ instance: { "web.2": "starting" } }),
      want: [
        { kind: "instance", id: "web.2", state: "starting" },
        { kind: "instance", id: "web.1", state: null },
      ],
    },
    {
      name: "kinds are reported in a fixed order",
      before: snap({}),
      after: snap({ activity: { a: "scale" }, domain: { "x.example": "issued" }, release: { r: "1:succeeded" } }),
      want: [
        { kind: "release", id: "r", state: "1:succeeded" },
        { kind: "domain", id: "x.example", state: "issued" },
        { kind: "activity", id: "a", state: "scale" },
      ],
    },
  ];
  it.each(cases)("$name", ({ before, after, want }) => expect(diffSnapshots(before, after)).toEqual(want));
});

describe("formatAppEvent", () => {
  it("writes one server-sent event named after the kind", () => {
    expect(formatAppEvent(3, { kind: "build", id: "b1", state: "failed" })).toBe(
      'id: 3\nevent: build\ndata: {"kind":"build","id":"b1","state":"failed"}\n\n',
    );
  });
});
