/**
 * Complaints recorded with their past (ISO 10002 lifecycle): which status a complaint can stand
 * at given the instants it was received, acknowledged, responded to and closed. One rule for the
 * feedback subgraph, which records such complaints, and the exchange importer, which checks a
 * register file row by row before anything is written.
 */

/** The statuses a complaint can be recorded at with its history: not REOPENED (its answered span is not in a register row). */
export const HISTORIC_STATUSES = ['RECEIVED', 'ACKNOWLEDGED', 'ASSESSED', 'INVESTIGATING', 'ESCALATED', 'RESPONDED', 'CLOSED', 'WITHDRAWN'] as const;
export type HistoricStatus = (typeof HISTORIC_STATUSES)[number];

/** Statuses past acknowledgement and before the response: they need an acknowledgement time and no later one. */
export const HANDLING_STATUSES: ReadonlySet<string> = new Set(['ACKNOWLEDGED', 'ASSESSED', 'INVESTIGATING', 'ESCALATED']);

/** The status a complaint stands at when none is given: the latest its times say. */
export function impliedStatus(t: { acknowledged: unknown; responded: unknown; closed: unknown }): HistoricStatus {
  if (t.closed !== null) return 'CLOSED';
  if (t.responded !== null) return 'RESPONDED';
  if (t.acknowledged !== null) return 'ACKNOWLEDGED';
  return 'RECEIVED';
}

/**
 * The problem of a status with the times given (null when consistent): the times a status needs
 * and those it cannot have. The exchange importer maps the field onto its source column.
 */
export function statusTimesProblem(status: HistoricStatus, t: { acknowledged: unknown; responded: unknown; closed: unknown }): { field: 'acknowledgedAt' | 'respondedAt' | 'closedAt' | 'status'; message: string } | null {
  const has = (v: unknown) => v !== null;
  if (status === 'RECEIVED') {
    if (has(t.acknowledged)) return { field: 'status', message: 'a RECEIVED complaint has no acknowledgement time; give the status it reached' };
    if (has(t.responded) || has(t.closed)) return { field: 'status', message: 'a RECEIVED complaint has no response or closing time; give the status it reached' };
    return null;
  }
  if (status === 'WITHDRAWN') {
    if (!has(t.closed)) return { field: 'closedAt', message: 'a WITHDRAWN complaint needs the time it was withdrawn (closedAt)' };
    if (has(t.responded)) return { field: 'respondedAt', message: 'a WITHDRAWN complaint was never responded to (an answered complaint is closed, not withdrawn)' };
    return null;
  }
  if (!has(t.acknowledged)) return { field: 'acknowledgedAt', message: `a ${status} complaint was acknowledged: give when` };
  if (HANDLING_STATUSES.has(status)) {
    if (has(t.responded) || has(t.closed)) return { field: 'status', message: `a ${status} complaint has no response or closing time yet; give the status it reached` };
    return null;
  }
  if (!has(t.responded)) return { field: 'respondedAt', message: `a ${status} complaint was responded to: give when` };
  if (status === 'RESPONDED' && has(t.closed)) return { field: 'status', message: 'a RESPONDED complaint has no closing time; a closed one is CLOSED' };
  if (status === 'CLOSED' && !has(t.closed)) return { field: 'closedAt', message: 'a CLOSED complaint needs the time it was closed' };
  return null;
}
