import { describe, expect, it } from "vitest";
import { channelForDb } from "./keys.js";

describe("channelForDb", () => {
  it.each<[number | undefined, string]>([
    [undefined, "pier:routes"],
    [0, "pier:routes"],
    [3, "pier:routes:db3"],
  ])("database %s", (db, channel) => {
    expect(channelForDb("pier:routes", db)).toBe(channel);
  });
});
