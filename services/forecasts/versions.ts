import type { ForecastRow } from './entities/forecast';

/**
 * Supersession of forecast versions, computed when reading so that a published version is never
 * rewritten: an interval of version v is superseded by the first later version whose horizon
 * contains the interval's start, whether or not that version has an interval there (a later
 * forecast that leaves an interval out says "no contacts expected", not "keep the old figure").
 * Reading "as of" an instant ignores the versions published after it.
 */
export function publishedBy(versions: ForecastRow[], asOf: Date | null): ForecastRow[] {
  const sorted = [...versions].sort((a, b) => a.version - b.version);
  return asOf ? sorted.filter((v) => v.publishedAt.getTime() <= asOf.getTime()) : sorted;
}

/** The version that superseded an interval start of `forecast`, or null while it is current. */
export function supersededBy(forecast: ForecastRow, versions: ForecastRow[], startEpoch: number): number | null {
  for (const v of versions) {
    if (v.version > forecast.version && v.fromEpoch <= startEpoch && startEpoch < v.toEpoch) return v.version;
  }
  return null;
}

export type SupersessionStatus = 'CURRENT' | 'PARTLY_SUPERSEDED' | 'SUPERSEDED';

/** Whether later versions cover none, part or all of a version's horizon. */
export function supersessionStatus(forecast: ForecastRow, versions: ForecastRow[]): { status: SupersessionStatus; byVersions: number[] } {
  const later = versions
    .filter((v) => v.version > forecast.version && v.fromEpoch < forecast.toEpoch && v.toEpoch > forecast.fromEpoch)
    .sort((a, b) => a.fromEpoch - b.fromEpoch);
  if (later.length === 0) return { status: 'CURRENT', byVersions: [] };
  let reached = forecast.fromEpoch;
  for (const v of later) {
    if (v.fromEpoch > reached) break;
    reached = Math.max(reached, v.toEpoch);
  }
  return {
    status: reached >= forecast.toEpoch ? 'SUPERSEDED' : 'PARTLY_SUPERSEDED',
    byVersions: [...new Set(later.map((v) => v.version))].sort((a, b) => a - b),
  };
}

/** The subject key a volume share group's forecasts are stored under (in queue_id and contract_id). */
export const GROUP_PREFIX = 'group:';
export function groupSubject(groupId: string): string {
  return `${GROUP_PREFIX}${groupId}`;
}
