import { GraphQLError } from 'graphql';
import { AccessTable, decide } from './access';
import { Role, Viewer } from './auth';

type Action = 'read' | 'upload' | 'review' | 'list';
const TABLE: AccessTable<Action> = {
  read: { role: 'read', parties: ['client', 'centre'], denied: 'only the parties read it' },
  upload: { role: 'write', parties: ['centre'], denied: 'only the centre uploads' },
  review: { role: 'write', parties: ['client'], denied: 'only the client reviews' },
  list: { role: 'read', parties: 'anyone', denied: 'listing needs read' },
};
const parties = { clientId: 'client-org', centreId: 'centre-org' };
const viewer = (org: string, roles: Role[]): Viewer => ({ subject: 'u', organisationId: org, roles });

function outcome(run: () => unknown): string {
  try {
    run();
    return 'ok';
  } catch (error) {
    return `${(error as GraphQLError).extensions.code}: ${(error as GraphQLError).message}`;
  }
}

describe('decide', () => {
  it.each([
    ['client-org', ['read'], 'read', 'ok'],
    ['centre-org', ['read'], 'read', 'ok'],
    ['centre-org', ['write'], 'upload', 'ok'],
    ['client-org', ['write'], 'upload', 'FORBIDDEN: only the centre uploads'],
    ['centre-org', ['read'], 'upload', 'FORBIDDEN: only the centre uploads (needs a token with the write role)'],
    ['client-org', ['write'], 'review', 'ok'],
    ['stranger', ['write'], 'list', 'ok'],
  ] as Array<[string, Role[], Action, string]>)('%s with %j: %s → %s', (org, roles, action, expected) => {
    expect(outcome(() => decide(TABLE, viewer(org, roles), action, { what: 'Queue', id: 'q-1', parties }))).toBe(expected);
  });

  it('answers a stranger the same for a real id as for a made-up one, naming only what was asked', () => {
    const real = outcome(() => decide(TABLE, viewer('stranger', ['write']), 'upload', { what: 'Queue', id: 'q-1', parties }));
    const madeUp = outcome(() => decide(TABLE, viewer('stranger', ['write']), 'upload', { what: 'Queue', id: 'q-1', parties: null }));
    expect(real).toBe(madeUp);
    expect(real).toMatch(/^NOT_FOUND: Queue q-1 was not found/);
  });

  it('answers NOT_FOUND before FORBIDDEN: a stranger without the role learns nothing either', () => {
    expect(outcome(() => decide(TABLE, viewer('stranger', []), 'read', { what: 'Queue', id: 'q-1', parties }))).toMatch(/^NOT_FOUND/);
  });
});
