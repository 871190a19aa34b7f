import { GraphQLError } from 'graphql';
import jwt from 'jsonwebtoken';
import { Role, Viewer, hasRole, signToken, viewerFromAuthorization } from './auth';

const SECRET = 'test-secret-of-at-least-32-characters!';
// signToken always sets these; tokens made by hand below need them to get past verification.
const HUB = { algorithm: 'HS256', issuer: 'cc-hub', audience: 'cc-hub' } as const;

/** The GraphQLError `run` throws; fails the test when it throws nothing or something else. */
function thrown(run: () => unknown): GraphQLError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    return error as GraphQLError;
  }
  throw new Error('expected a GraphQLError, but nothing was thrown');
}

function expectUnauthenticated(header: string | null | undefined, message?: RegExp): void {
  const error = thrown(() => viewerFromAuthorization(header, SECRET));
  expect(error.extensions.code).toBe('UNAUTHENTICATED');
  expect(error.extensions.http).toEqual({ status: 401 });
  if (message) expect(error.message).toMatch(message);
}

describe('signToken and viewerFromAuthorization', () => {
  it('round-trips the subject, organisation and roles', () => {
    const token = signToken({ sub: 'alice', org: 'org-client', roles: ['read', 'write'] }, SECRET);
    expect(viewerFromAuthorization(`Bearer ${token}`, SECRET)).toEqual<Viewer>({
      subject: 'alice',
      organisationId: 'org-client',
      roles: ['read', 'write'],
    });
  });

  it('accepts any case of "Bearer" and surrounding spaces', () => {
    const token = signToken({ sub: 'alice', org: 'org-client', roles: [] }, SECRET);
    expect(viewerFromAuthorization(`  bearer   ${token}  `, SECRET).subject).toBe('alice');
  });

  it('signs HS256 tokens for the hub, valid for 12 hours by default', () => {
    const token = signToken({ sub: 'alice', org: 'org-client', roles: ['read'] }, SECRET);
    const header = jwt.decode(token, { complete: true })!.header;
    const payload = jwt.decode(token) as jwt.JwtPayload;
    expect(header.alg).toBe('HS256');
    expect(payload).toMatchObject({ iss: 'cc-hub', aud: 'cc-hub', sub: 'alice' });
    expect(payload.exp! - payload.iat!).toBe(12 * 3600);
  });

  it('drops roles it does not know', () => {
    const token = jwt.sign({ org: 'org-client', roles: ['read', 'superuser', 'ADMIN', 42] }, SECRET, { ...HUB, subject: 'alice' });
    expect(viewerFromAuthorization(`Bearer ${token}`, SECRET).roles).toEqual(['read']);
  });
});

describe('viewerFromAuthorization refuses with UNAUTHENTICATED', () => {
  it.each([undefined, null, ''])('a missing header (%p)', (header) => {
    expectUnauthenticated(header, /Bearer token is required/);
  });

  it.each(['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer ', 'Bearer a b', 'Token abc'])('a malformed header %j', (header) => {
    expectUnauthenticated(header, /must be "Bearer <token>"/);
  });

  it('a token that is not a JWT', () => {
    expectUnauthenticated('Bearer not-a-jwt', /token invalid/);
  });

  it('a token signed with another secret', () => {
    const token = signToken({ sub: 'alice', org: 'org-client', roles: ['read'] }, 'another-secret-of-at-least-32-chars!!');
    expectUnauthenticated(`Bearer ${token}`, /token invalid/);
  });

  it('an expired token, saying so', () => {
    // Expired ten seconds ago.
    const token = signToken({ sub: 'alice', org: 'org-client', roles: ['read'] }, SECRET, -10);
    expectUnauthenticated(`Bearer ${token}`, /token expired/);
  });

  it('a token expiring the second it was issued', () => {
    const token = signToken({ sub: 'alice', org: 'org-client', roles: ['read'] }, SECRET, 0);
    expectUnauthenticated(`Bearer ${token}`, /token expired/);
  });

  it('a token from another issuer or for another audience', () => {
    const payload = { org: 'org-client', roles: ['read'] };
    expectUnauthenticated(`Bearer ${jwt.sign(payload, SECRET, { ...HUB, subject: 'a', issuer: 'elsewhere' })}`, /token invalid/);
    expectUnauthenticated(`Bearer ${jwt.sign(payload, SECRET, { ...HUB, subject: 'a', audience: 'elsewhere' })}`, /token invalid/);
  });

  it('an unsigned token (alg "none")', () => {
    const token = jwt.sign({ org: 'org-client', roles: ['admin'] }, '', { ...HUB, algorithm: 'none', subject: 'mallory' });
    expectUnauthenticated(`Bearer ${token}`, /token invalid/);
  });

  it('a token without the org claim', () => {
    const token = jwt.sign({ roles: ['read'] }, SECRET, { ...HUB, subject: 'alice' });
    expectUnauthenticated(`Bearer ${token}`, /must carry sub, org and roles/);
  });

  it('a token without a subject', () => {
    const token = jwt.sign({ org: 'org-client', roles: ['read'] }, SECRET, HUB);
    expectUnauthenticated(`Bearer ${token}`, /must carry sub, org and roles/);
  });

  it('a token whose roles are not a list', () => {
    const token = jwt.sign({ org: 'org-client', roles: 'read' }, SECRET, { ...HUB, subject: 'alice' });
    expectUnauthenticated(`Bearer ${token}`, /must carry sub, org and roles/);
  });
});

describe('hasRole', () => {
  function viewer(roles: Role[]): Viewer {
    return { subject: 'alice', organisationId: 'org-client', roles };
  }

  it('finds a role the viewer holds', () => {
    expect(hasRole(viewer(['read']), 'read')).toBe(true);
    expect(hasRole(viewer(['admin']), 'admin')).toBe(true);
  });

  it('lets write imply read', () => {
    expect(hasRole(viewer(['write']), 'read')).toBe(true);
  });

  it('does not let read imply write', () => {
    expect(hasRole(viewer(['read']), 'write')).toBe(false);
  });

  it('gives nothing else for free: admin and procure imply no other role', () => {
    expect(hasRole(viewer(['admin']), 'read')).toBe(false);
    expect(hasRole(viewer(['admin']), 'write')).toBe(false);
    expect(hasRole(viewer(['procure']), 'read')).toBe(false);
    expect(hasRole(viewer(['write']), 'admin')).toBe(false);
    expect(hasRole(viewer([]), 'read')).toBe(false);
  });
});
