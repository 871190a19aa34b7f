import { addBusinessDays, addBusinessSeconds, businessSecondsBetween } from '../metrics/business-hours';
import type { ComplaintRow, PauseReason, TermsSnapshot } from './entities/complaint';

/**
 * The ISO 10002 clocks of one complaint, from its terms snapshot and its pauses. Pure: the
 * use cases store the results in the complaint's clock columns (for SQL statistics) and the
 * API computes the live view (time remaining, overdue) with the same functions.
 *
 * - Acknowledgement: `acknowledgeWithinHours` business hours from receipt; stops at the first
 *   ACKNOWLEDGED. Pauses do not apply (acknowledging needs nobody else).
 * - Resolution: the close of the `resolveWithinDays`-th business day after the day of receipt,
 *   pushed back by the business time spent in pauses (waiting on the customer or a third party,
 *   and the time a reopened complaint stood answered). Stops at RESPONDED.
 */

export interface PauseSpan {
  reason: PauseReason;
  start: number;
  end: number | null;
}

export function acknowledgementDue(receivedEpoch: number, terms: TermsSnapshot): number {
  return addBusinessSeconds(receivedEpoch, terms.acknowledgeWithinHours * 3600, terms.calendar);
}

/** Business seconds the pauses took, an open pause counting up to `now`. */
function pausedBusinessSeconds(pauses: readonly PauseSpan[], terms: TermsSnapshot, now: number): number {
  return pauses.reduce((sum, p) => sum + businessSecondsBetween(p.start, p.end ?? now, terms.calendar), 0);
}

export function resolutionDue(receivedEpoch: number, terms: TermsSnapshot, pauses: readonly PauseSpan[], now: number): number {
  const base = addBusinessDays(receivedEpoch, terms.resolveWithinDays, terms.calendar);
  return addBusinessSeconds(base, pausedBusinessSeconds(pauses, terms, now), terms.calendar);
}

export type ClockKind = 'ACKNOWLEDGEMENT' | 'RESOLUTION';

export interface ClockView {
  kind: ClockKind;
  dueAt: Date;
  /** When the clock stopped (acknowledged / responded); null while it runs. */
  stoppedAt: Date | null;
  running: boolean;
  paused: boolean;
  /** Null while running; true when stopped by the deadline. Null too when withdrawn before it had to stop. */
  met: boolean | null;
  pausedBusinessSeconds: number;
  /** Business seconds left until the deadline; 0 once overdue or stopped. */
  businessSecondsRemaining: number;
  /** Business seconds past the deadline (up to the stop, or now); 0 when not overdue. */
  businessSecondsOverdue: number;
}

const FINAL_FOR_ACK = new Set(['WITHDRAWN']);
const FINAL_FOR_RESOLUTION = new Set(['WITHDRAWN', 'RESPONDED', 'CLOSED']);

/** Both clocks of a complaint as they stand at `now`. */
export function clockViews(row: ComplaintRow, pauses: readonly PauseSpan[], now: number): ClockView[] {
  const terms = row.terms;
  const cal = terms.calendar;
  const ackStopped = row.acknowledgedEpoch ?? (FINAL_FOR_ACK.has(row.status) ? (row.closedEpoch ?? now) : null);
  const ackEnd = ackStopped ?? now;
  const ack: ClockView = {
    kind: 'ACKNOWLEDGEMENT',
    dueAt: new Date(row.ackDueEpoch * 1000),
    stoppedAt: ackStopped === null ? null : new Date(ackStopped * 1000),
    running: ackStopped === null,
    paused: false,
    met: row.ackMet === null ? null : row.ackMet === 1,
    pausedBusinessSeconds: 0,
    businessSecondsRemaining: ackStopped === null ? businessSecondsBetween(now, row.ackDueEpoch, cal) : 0,
    businessSecondsOverdue: businessSecondsBetween(row.ackDueEpoch, ackEnd, cal),
  };
  const resolutionStopped = FINAL_FOR_RESOLUTION.has(row.status);
  const resolveEnd = resolutionStopped ? (row.status === 'WITHDRAWN' ? (row.closedEpoch ?? now) : (row.respondedEpoch ?? now)) : now;
  const due = resolutionDue(row.receivedEpoch, terms, pauses, resolveEnd);
  const resolution: ClockView = {
    kind: 'RESOLUTION',
    dueAt: new Date(due * 1000),
    stoppedAt: resolutionStopped ? new Date(resolveEnd * 1000) : null,
    running: !resolutionStopped,
    paused: !resolutionStopped && pauses.some((p) => p.end === null),
    met: row.resolveMet === null ? null : row.resolveMet === 1,
    pausedBusinessSeconds: pausedBusinessSeconds(pauses, terms, resolveEnd),
    businessSecondsRemaining: resolutionStopped ? 0 : businessSecondsBetween(now, due, cal),
    businessSecondsOverdue: businessSecondsBetween(due, resolveEnd, cal),
  };
  return [ack, resolution];
}
