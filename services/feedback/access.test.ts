import { GraphQLError } from 'graphql';
import { authorizeComplaint, authorizeTransition, TRANSITIONS } from './access';
import { COMPLAINT_STATUSES, ComplaintRow } from './entities/complaint';

const code = (fn: () => unknown) => {
  try {
    fn();
    return 'OK';
  } catch (e) {
    return (e as GraphQLError).extensions?.code;
  }
};

describe('the ISO 10002 transition table', () => {
  it('names only known statuses and leaves WITHDRAWN final', () => {
    for (const [from, targets] of Object.entries(TRANSITIONS)) {
      expect(COMPLAINT_STATUSES).toContain(from);
      for (const to of Object.keys(targets)) expect(COMPLAINT_STATUSES).toContain(to);
    }
    expect(TRANSITIONS.WITHDRAWN).toEqual({});
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...COMPLAINT_STATUSES].sort());
  });

  it('lets the centre handle and either party escalate, close, reopen and withdraw', () => {
    expect(code(() => authorizeTransition('CENTRE', 'RECEIVED', 'ACKNOWLEDGED'))).toBe('OK');
    expect(code(() => authorizeTransition('CLIENT', 'RECEIVED', 'ACKNOWLEDGED'))).toBe('FORBIDDEN');
    expect(code(() => authorizeTransition('CLIENT', 'INVESTIGATING', 'RESPONDED'))).toBe('FORBIDDEN');
    expect(code(() => authorizeTransition('CLIENT', 'ESCALATED', 'RESPONDED'))).toBe('OK');
    expect(code(() => authorizeTransition('CLIENT', 'INVESTIGATING', 'ESCALATED'))).toBe('OK');
    expect(code(() => authorizeTransition('CLIENT', 'RESPONDED', 'CLOSED'))).toBe('OK');
    expect(code(() => authorizeTransition('CENTRE', 'CLOSED', 'REOPENED'))).toBe('OK');
    expect(code(() => authorizeTransition('CLIENT', 'ACKNOWLEDGED', 'WITHDRAWN'))).toBe('OK');
  });

  it('refuses what the lifecycle does not allow with CONFLICT, before asking who', () => {
    expect(code(() => authorizeTransition('CENTRE', 'RECEIVED', 'RESPONDED'))).toBe('CONFLICT');
    expect(code(() => authorizeTransition('CLIENT', 'RECEIVED', 'CLOSED'))).toBe('CONFLICT');
    expect(code(() => authorizeTransition('CENTRE', 'WITHDRAWN', 'REOPENED'))).toBe('CONFLICT');
    expect(code(() => authorizeTransition('CENTRE', 'CLOSED', 'WITHDRAWN'))).toBe('CONFLICT');
    expect(code(() => authorizeTransition('CENTRE', 'RESPONDED', 'RESPONDED'))).toBe('CONFLICT');
  });
});

describe('authorizeComplaint', () => {
  const row = { id: 'cmp-1', clientId: 'acme', centreId: 'callco' } as ComplaintRow;
  const ctx = (org: string, roles: Array<'read' | 'write'>) => ({ viewer: { subject: 's', organisationId: org, roles }, db: null as never, contracts: null as never });

  it('shows a complaint to its two parties only', () => {
    expect(authorizeComplaint(ctx('acme', ['read']), 'read', row, 'cmp-1').party).toBe('CLIENT');
    expect(authorizeComplaint(ctx('callco', ['write']), 'handle', row, 'cmp-1').party).toBe('CENTRE');
    expect(code(() => authorizeComplaint(ctx('umbrella', ['write']), 'read', row, 'cmp-1'))).toBe('NOT_FOUND');
    expect(code(() => authorizeComplaint(ctx('acme', ['read']), 'handle', row, 'cmp-1'))).toBe('FORBIDDEN');
    expect(code(() => authorizeComplaint(ctx('acme', ['read']), 'read', null, 'cmp-1'))).toBe('NOT_FOUND');
  });
});
