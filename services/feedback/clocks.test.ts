import { clockViews, resolutionDue } from './clocks';
import { ComplaintRow, TermsSnapshot } from './entities/complaint';

const at = (iso: string) => Date.parse(iso) / 1000;
const H = 3600;
const terms: TermsSnapshot = {
  acknowledgeWithinHours: 8,
  resolveWithinDays: 2,
  calendar: { timeZone: 'Europe/Paris', hours: (['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'] as const).map((weekday) => ({ weekday, opens: '09:00', closes: '18:00' })), holidays: [] },
};

describe('complaint clocks', () => {
  // Received Monday 2 March 2026, 10:00 CET.
  const received = at('2026-03-02T09:00:00Z');

  it('pushes the resolution deadline back by the business time paused', () => {
    // Two business days: close of Wednesday 4 March (17:00Z).
    expect(resolutionDue(received, terms, [], received)).toBe(at('2026-03-04T17:00:00Z'));
    // A pause from Tuesday 17:00 to Wednesday 10:00 CET is 2 business hours: Thursday 11:00 CET.
    const pauses = [{ reason: 'AWAITING_CUSTOMER' as const, start: at('2026-03-03T16:00:00Z'), end: at('2026-03-04T09:00:00Z') }];
    expect(resolutionDue(received, terms, pauses, received)).toBe(at('2026-03-05T10:00:00Z'));
    // An open pause counts up to now.
    const open = [{ reason: 'AWAITING_THIRD_PARTY' as const, start: at('2026-03-03T16:00:00Z'), end: null }];
    expect(resolutionDue(received, terms, open, at('2026-03-04T09:00:00Z'))).toBe(at('2026-03-05T10:00:00Z'));
  });

  it('shows time remaining while running and the overdue business time after', () => {
    const row = {
      status: 'RECEIVED', terms, receivedEpoch: received, ackDueEpoch: at('2026-03-03T09:00:00Z'), acknowledgedEpoch: null, ackMet: null,
      respondedEpoch: null, resolveMet: null, closedEpoch: null,
    } as unknown as ComplaintRow;
    const [ack, resolution] = clockViews(row, [], at('2026-03-02T15:00:00Z'));
    expect(ack).toMatchObject({ kind: 'ACKNOWLEDGEMENT', running: true, businessSecondsRemaining: 3 * H, businessSecondsOverdue: 0 }); // Monday 16:00-18:00 and Tuesday 09:00-10:00
    expect(resolution).toMatchObject({ kind: 'RESOLUTION', running: true, paused: false });
    const [late] = clockViews(row, [], at('2026-03-03T12:00:00Z'));
    expect(late).toMatchObject({ businessSecondsRemaining: 0, businessSecondsOverdue: 3 * H, met: null });
  });
});
