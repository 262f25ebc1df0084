import type { AddonBackup } from "@pier/db";
import type { ScheduleView } from "@pier/use-cases";

export function presentBackup(b: AddonBackup, addon: { id: string; name: string; kind: string }) {
  return {
    id: b.id,
    name: b.name,
    number: b.number,
    state: b.state,
    trigger: b.trigger,
    addon: { id: addon.id, name: addon.name, kind: addon.kind },
    size_bytes: b.sizeBytes === null ? null : Number(b.sizeBytes),
    sha256: b.sha256,
    error: b.error,
    created_at: b.createdAt.toISOString(),
    started_at: b.startedAt?.toISOString() ?? null,
    finished_at: b.finishedAt?.toISOString() ?? null,
  };
}

export const presentSchedule = (s: ScheduleView) => ({ enabled: s.enabled, hour_utc: s.hourUtc, retain: s.retain, custom: s.custom });
