import { impliedStatus, statusTimesProblem } from './complaint-history';

/** The status a past complaint is recorded at must agree with the times its register gives. */
describe('a historic complaint’s status and times', () => {
  const t = (acknowledged: number | null, responded: number | null, closed: number | null) => ({ acknowledged, responded, closed });

  it('defaults to the latest state the times say', () => {
    expect(impliedStatus(t(null, null, null))).toBe('RECEIVED');
    expect(impliedStatus(t(1, null, null))).toBe('ACKNOWLEDGED');
    expect(impliedStatus(t(1, 2, null))).toBe('RESPONDED');
    expect(impliedStatus(t(1, 2, 3))).toBe('CLOSED');
  });

  it('accepts the consistent combinations', () => {
    for (const [status, times] of [
      ['RECEIVED', t(null, null, null)],
      ['INVESTIGATING', t(1, null, null)],
      ['ESCALATED', t(1, null, null)],
      ['RESPONDED', t(1, 2, null)],
      ['CLOSED', t(1, 2, 3)],
      ['WITHDRAWN', t(null, null, 3)],
      ['WITHDRAWN', t(1, null, 3)],
    ] as const) {
      expect(statusTimesProblem(status, times)).toBeNull();
    }
  });

  it('names the field that contradicts the status', () => {
    expect(statusTimesProblem('RECEIVED', t(1, null, null))?.field).toBe('status');
    expect(statusTimesProblem('INVESTIGATING', t(null, null, null))?.field).toBe('acknowledgedAt');
    expect(statusTimesProblem('INVESTIGATING', t(1, 2, null))?.field).toBe('status');
    expect(statusTimesProblem('RESPONDED', t(1, null, null))?.field).toBe('respondedAt');
    expect(statusTimesProblem('RESPONDED', t(1, 2, 3))?.field).toBe('status');
    expect(statusTimesProblem('CLOSED', t(1, 2, null))?.field).toBe('closedAt');
    expect(statusTimesProblem('WITHDRAWN', t(1, null, null))?.field).toBe('closedAt');
    expect(statusTimesProblem('WITHDRAWN', t(1, 2, 3))?.field).toBe('respondedAt');
  });
});
