import { describe, expect, it } from "vitest";
import { instanceSeries, restartsByType, type InstanceMinute, type InstancePoint } from "./instance-series.js";

const T0 = Date.parse("2026-01-01T12:00:00.000Z");
const step = (i: number, ...minutes: InstanceMinute[]) => ({ start: T0 + i * 900_000, minutes });
const at = (i: number) => new Date(T0 + i * 900_000).toISOString();

describe("instanceSeries", () => {
  it.each<[string, Parameters<typeof instanceSeries>[0], Record<string, InstancePoint[]>]>([
    ["no minutes with data: no dynos", [step(0, {}, {}), step(1, {})], {}],
    [
      "highest memory, latest limit, mean CPU, restarts 0 without any",
      [step(0, { "web.1:mem": "100", "web.1:limit": "512", "web.1:cpu": "200" }, { "web.1:mem": "300", "web.1:limit": "1024", "web.1:cpu": "400" })],
      { "web.1": [{ time: at(0), memory_bytes: 300, memory_limit_bytes: 1024, cpu_cores: 0.3, restarts: 0 }] },
    ],
    [
      "restarts add up within a step; a crashing dyno without readings still has its series",
      [step(0, { "worker.1:restarts": "2" }, { "worker.1:restarts": "1", "web.1:mem": "5" }), step(1, {}), step(2, { "worker.1:restarts": "4" })],
      {
        "web.1": [
          { time: at(0), memory_bytes: 5, restarts: 0 },
          { time: at(1), restarts: 0 },
          { time: at(2), restarts: 0 },
        ],
        "worker.1": [
          { time: at(0), restarts: 3 },
          { time: at(1), restarts: 0 },
          { time: at(2), restarts: 4 },
        ],
      },
    ],
    [
      "dyno names with dots and dashes",
      [step(0, { "release-phase.1:restarts": "1" })],
      { "release-phase.1": [{ time: at(0), restarts: 1 }] },
    ],
  ])("%s", (_name, steps, expected) => expect(instanceSeries(steps)).toEqual(expected));
});

describe("restartsByType", () => {
  it.each<[string, Record<string, InstancePoint[]>, ReturnType<typeof restartsByType>]>([
    ["none", {}, {}],
    [
      "instances of a type add up per step; types stay apart",
      {
        "web.1": [{ time: at(0), restarts: 1 }, { time: at(1), restarts: 0 }],
        "web.2": [{ time: at(0), restarts: 2 }, { time: at(1), restarts: 5 }],
        "worker.1": [{ time: at(0), restarts: 0 }, { time: at(1), restarts: 1 }],
      },
      {
        web: [{ time: at(0), restarts: 3 }, { time: at(1), restarts: 5 }],
        worker: [{ time: at(0), restarts: 0 }, { time: at(1), restarts: 1 }],
      },
    ],
  ])("%s", (_name, instances, expected) => expect(restartsByType(instances)).toEqual(expected));
});
