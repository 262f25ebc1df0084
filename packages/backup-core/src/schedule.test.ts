import { describe, expect, it } from "vitest";
import { checkSchedule, defaultScheduleFromEnv, dueForBackup, latestSlot, type ScheduledAddon } from "./schedule.js";

const at = (iso: string) => new Date(iso);
const addon = (over: Partial<ScheduledAddon> = {}): ScheduledAddon => ({ addonId: "a", schedule: { enabled: true, hourUtc: 2, retain: 7 }, lastScheduledAt: null, busy: false, ...over });

describe("latestSlot", () => {
  it.each([
    ["2026-11-22T03:00:00Z", 2, "2026-11-22T02:00:00.000Z"],
    ["2026-11-22T02:00:00Z", 2, "2026-11-22T02:00:00.000Z"],
    ["2026-11-22T01:59:59Z", 2, "2026-11-21T02:00:00.000Z"],
    ["2026-03-01T00:30:00Z", 23, "2026-02-28T23:00:00.000Z"],
    ["2027-01-01T00:00:00Z", 0, "2027-01-01T00:00:00.000Z"],
  ])("at %s with hour %i: %s", (now, hour, slot) => expect(latestSlot(at(now), hour).toISOString()).toBe(slot));
});

describe("dueForBackup", () => {
  const now = at("2026-11-22T03:00:00Z");
  it.each<[string, ScheduledAddon, boolean]>([
    ["never backed up", addon(), true],
    ["attempted before today's slot", addon({ lastScheduledAt: at("2026-11-21T02:00:05Z") }), true],
    ["attempted after today's slot", addon({ lastScheduledAt: at("2026-11-22T02:00:05Z") }), false],
    ["slot not reached yet today, attempted yesterday after its slot", addon({ schedule: { enabled: true, hourUtc: 4, retain: 7 }, lastScheduledAt: at("2026-11-21T04:10:00Z") }), false],
    ["slot not reached yet today, last attempt two days ago", addon({ schedule: { enabled: true, hourUtc: 4, retain: 7 }, lastScheduledAt: at("2026-11-20T04:10:00Z") }), true],
    ["disabled", addon({ schedule: { enabled: false, hourUtc: 2, retain: 7 } }), false],
    ["a backup is running", addon({ busy: true }), false],
  ])("%s: due %s", (_name, a, due) => {
    expect(dueForBackup(now, [a])).toEqual(due ? ["a"] : []);
  });
});

describe("schedules", () => {
  it.each([
    [{ enabled: true, hourUtc: 24, retain: 7 }, /0 to 23/],
    [{ enabled: true, hourUtc: -1, retain: 7 }, /0 to 23/],
    [{ enabled: true, hourUtc: 1.5, retain: 7 }, /0 to 23/],
    [{ enabled: true, hourUtc: 3, retain: 0 }, /from 1 to 1000/],
  ])("refuses %j", (s, message) => expect(() => checkSchedule(s)).toThrow(message));

  it.each([
    [{}, { enabled: true, hourUtc: 2, retain: 7 }],
    [{ PIER_BACKUP_HOUR: "5", PIER_BACKUP_RETAIN: "30" }, { enabled: true, hourUtc: 5, retain: 30 }],
    [{ PIER_BACKUP_SCHEDULE: "off" }, { enabled: false, hourUtc: 2, retain: 7 }],
  ])("from %j", (env, expected) => expect(defaultScheduleFromEnv(env)).toEqual(expected));

  it.each([{ PIER_BACKUP_HOUR: "25" }, { PIER_BACKUP_RETAIN: "x" }])("names the bad setting in %j", (env) => {
    expect(() => defaultScheduleFromEnv(env)).toThrow(/PIER_BACKUP_/);
  });
});
