import { GraphQLError } from 'graphql';
import jwt from 'jsonwebtoken';
import { CLOCK_SKEW_SECONDS, DEFAULT_MAX_TOKEN_LIFETIME_SECONDS, Role, Viewer, hasRole, signToken, viewerFromAuthorization } from './auth';

const SECRET = 'test-secret-of-at-least-32-characters!';
// signToken always sets these; tokens made by hand below need them to get past verification.
const HUB = { algorithm: 'HS256', issuer: 'cc-hub', audience: 'cc-hub', expiresIn: 3600 } as const;
/** Every token is issued and verified at this instant unless a test says otherwise. */
const NOW = new Date('2026-06-01T00:00:00Z');
const NOW_SECONDS = NOW.getTime() / 1000;
const AT_NOW = { now: NOW };

/** A token made by hand, issued at NOW unless the payload says otherwise. */
function handMade(payload: Record<string, unknown>, options: jwt.SignOptions = {}): string {
  return jwt.sign({ iat: NOW_SECONDS, ...payload }, SECRET, { ...HUB, ...options });
}

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

function expectUnauthenticated(header: string | null | undefined, message?: RegExp, options: { now?: Date; maxLifetimeSeconds?: number } = AT_NOW): void {
  const error = thrown(() => viewerFromAuthorization(header, SECRET, options));
  expect(error.extensions.code).toBe('UNAUTHENTICATED');
  expect(error.extensions.http).toEqual({ status: 401 });
  if (message) expect(error.message).toMatch(message);
}

describe('signToken and viewerFromAuthorization', () => {
  it('round-trips the subject, organisation and roles', () => {
    const token = signToken({ sub: 'alice', org: 'org-client', roles: ['read', 'write'] }, SECRET, undefined, AT_NOW);
    expect(viewerFromAuthorization(`Bearer ${token}`, SECRET, AT_NOW)).toEqual<Viewer>({
      subject: 'alice',
      organisationId: 'org-client',
      roles: ['read', 'write'],
    });
  });

  it('accepts any case of "Bearer" and surrounding spaces', () => {
    const token = signToken({ sub: 'alice', org: 'org-client', roles: [] }, SECRET, undefined, AT_NOW);
    expect(viewerFromAuthorization(`  bearer   ${token}  `, SECRET, AT_NOW).subject).toBe('alice');
  });

  it('signs HS256 tokens for the hub, valid for 12 hours by default', () => {
    const token = signToken({ sub: 'alice', org: 'org-client', roles: ['read'] }, SECRET, undefined, AT_NOW);
    const header = jwt.decode(token, { complete: true })!.header;
    const payload = jwt.decode(token) as jwt.JwtPayload;
    expect(header.alg).toBe('HS256');
    expect(payload).toMatchObject({ iss: 'cc-hub', aud: 'cc-hub', sub: 'alice', iat: NOW_SECONDS });
    expect(payload.exp! - payload.iat!).toBe(12 * 3600);
  });

  it('drops roles it does not know', () => {
    const token = handMade({ org: 'org-client', roles: ['read', 'superuser', 'ADMIN', 42] }, { subject: 'alice' });
    expect(viewerFromAuthorization(`Bearer ${token}`, SECRET, AT_NOW).roles).toEqual(['read']);
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
    const token = signToken({ sub: 'alice', org: 'org-client', roles: ['read'] }, 'another-secret-of-at-least-32-chars!!', undefined, AT_NOW);
    expectUnauthenticated(`Bearer ${token}`, /token invalid/);
  });

  it('an expired token, saying so', () => {
    // Expired ten seconds ago.
    const token = signToken({ sub: 'alice', org: 'org-client', roles: ['read'] }, SECRET, -10, AT_NOW);
    expectUnauthenticated(`Bearer ${token}`, /token expired/);
  });

  it('a token expiring the second it was issued', () => {
    const token = signToken({ sub: 'alice', org: 'org-client', roles: ['read'] }, SECRET, 0, AT_NOW);
    expectUnauthenticated(`Bearer ${token}`, /token expired/);
  });

  it('a token from another issuer or for another audience', () => {
    const payload = { org: 'org-client', roles: ['read'] };
    expectUnauthenticated(`Bearer ${handMade(payload, { subject: 'a', issuer: 'elsewhere' })}`, /token invalid/);
    expectUnauthenticated(`Bearer ${handMade(payload, { subject: 'a', audience: 'elsewhere' })}`, /token invalid/);
  });

  it('an unsigned token (alg "none")', () => {
    const token = jwt.sign({ org: 'org-client', roles: ['admin'], iat: NOW_SECONDS }, '', { ...HUB, algorithm: 'none', subject: 'mallory' });
    expectUnauthenticated(`Bearer ${token}`, /token invalid/);
  });

  it('a token without the org claim', () => {
    const token = handMade({ roles: ['read'] }, { subject: 'alice' });
    expectUnauthenticated(`Bearer ${token}`, /must carry sub, org and roles/);
  });

  it('a token without a subject', () => {
    const token = handMade({ org: 'org-client', roles: ['read'] });
    expectUnauthenticated(`Bearer ${token}`, /must carry sub, org and roles/);
  });

  it('a token whose roles are not a list', () => {
    const token = handMade({ org: 'org-client', roles: 'read' }, { subject: 'alice' });
    expectUnauthenticated(`Bearer ${token}`, /must carry sub, org and roles/);
  });
});

describe('viewerFromAuthorization refuses tokens that live too long or come from the future (issue 9)', () => {
  it('a token without exp, which would never expire', () => {
    const token = jwt.sign({ org: 'org-client', roles: ['read'], iat: NOW_SECONDS }, SECRET, { algorithm: 'HS256', issuer: 'cc-hub', audience: 'cc-hub', subject: 'alice' });
    expectUnauthenticated(`Bearer ${token}`, /must carry exp and iat/);
  });

  it('a token without iat', () => {
    const token = jwt.sign({ org: 'org-client', roles: ['read'], exp: NOW_SECONDS + 3600 }, SECRET, {
      algorithm: 'HS256', issuer: 'cc-hub', audience: 'cc-hub', subject: 'alice', noTimestamp: true,
    });
    expectUnauthenticated(`Bearer ${token}`, /must carry exp and iat/);
  });

  it('a token valid for a century', () => {
    const token = signToken({ sub: 'alice', org: 'org-client', roles: ['read'] }, SECRET, 100 * 365 * 86_400, AT_NOW);
    expectUnauthenticated(`Bearer ${token}`, /lives longer than 86400 seconds/);
  });

  it('lets the lifetime be configured, and accepts a token of exactly the maximum (npm start signs 24 h tokens)', () => {
    const day = signToken({ sub: 'alice', org: 'org-client', roles: ['read'] }, SECRET, DEFAULT_MAX_TOKEN_LIFETIME_SECONDS, AT_NOW);
    expect(viewerFromAuthorization(`Bearer ${day}`, SECRET, AT_NOW).subject).toBe('alice');
    expectUnauthenticated(`Bearer ${day}`, /lives longer than 3600 seconds/, { now: NOW, maxLifetimeSeconds: 3600 });
    const week = signToken({ sub: 'alice', org: 'org-client', roles: ['read'] }, SECRET, 7 * 86_400, AT_NOW);
    expect(viewerFromAuthorization(`Bearer ${week}`, SECRET, { now: NOW, maxLifetimeSeconds: 7 * 86_400 }).subject).toBe('alice');
  });

  it('a token issued in the future beyond the clock skew, but not one within it', () => {
    const later = (seconds: number) => signToken({ sub: 'alice', org: 'org-client', roles: ['read'] }, SECRET, 3600, { now: new Date(NOW.getTime() + seconds * 1000) });
    expectUnauthenticated(`Bearer ${later(CLOCK_SKEW_SECONDS + 1)}`, /issued in the future/);
    expect(viewerFromAuthorization(`Bearer ${later(CLOCK_SKEW_SECONDS)}`, SECRET, AT_NOW).subject).toBe('alice');
  });

  it('takes now from the caller: a token expires when the verifier\'s clock passes exp', () => {
    const token = signToken({ sub: 'alice', org: 'org-client', roles: ['read'] }, SECRET, 3600, AT_NOW);
    expect(viewerFromAuthorization(`Bearer ${token}`, SECRET, { now: new Date(NOW.getTime() + 3599_000) }).subject).toBe('alice');
    expectUnauthenticated(`Bearer ${token}`, /token expired/, { now: new Date(NOW.getTime() + 3600_000) });
  });

  it.each([
    ['an empty org', { org: '', roles: ['read'] }, 'alice'],
    ['a blank org', { org: '   ', roles: ['read'] }, 'alice'],
    ['an org with control characters', { org: 'org\u0000x', roles: ['read'] }, 'alice'],
    ['an org longer than a reference', { org: 'o'.repeat(201), roles: ['read'] }, 'alice'],
    ['an empty subject', { org: 'org-client', roles: ['read'] }, ''],
  ])('%s', (_label, payload, subject) => {
    const token = subject ? handMade(payload, { subject }) : handMade({ ...payload, sub: '' });
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
