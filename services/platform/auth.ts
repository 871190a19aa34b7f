import jwt from 'jsonwebtoken';
import { TEXT_LIMITS, textProblem } from '../metrics/bounds';
import { unauthenticated } from './errors';

/** Roles a token can carry. `write` includes `read`; `admin` is the hub operator. */
export const ROLES = ['read', 'write', 'procure', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: the verified claims of the request's JWT. */
export interface Viewer {
  subject: string;
  organisationId: string;
  roles: Role[];
}

const ISSUER = 'cc-hub';
const AUDIENCE = 'cc-hub';

export function hasRole(viewer: Viewer, role: Role): boolean {
  if (viewer.roles.includes(role)) return true;
  return role === 'read' && viewer.roles.includes('write');
}

/** How long a token may live (iat to exp) unless configured (HUB_JWT_MAX_LIFETIME_SECONDS). */
export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 24 * 3600;
/** How far a token's `iat` may lie ahead of the verifier's clock (clocks of issuers drift). */
export const CLOCK_SKEW_SECONDS = 60;

export interface VerifyOptions {
  /** The verifier's instant; the system clock when not given. */
  now?: Date;
  /** Longest lifetime (exp − iat) accepted; DEFAULT_MAX_TOKEN_LIFETIME_SECONDS when not given. */
  maxLifetimeSeconds?: number;
}

export function signToken(
  claims: { sub: string; org: string; roles: Role[] },
  secret: string,
  expiresInSeconds = 12 * 3600,
  options: { now?: Date } = {},
): string {
  const iat = Math.floor((options.now ?? new Date()).getTime() / 1000);
  return jwt.sign({ org: claims.org, roles: claims.roles, iat }, secret, {
    algorithm: 'HS256',
    subject: claims.sub,
    issuer: ISSUER,
    audience: AUDIENCE,
    expiresIn: expiresInSeconds,
  });
}

/** True unless a `sub` or `org` claim is a non-empty plain reference. */
function badClaim(value: unknown): boolean {
  return typeof value !== 'string' || value.trim() === '' || textProblem(value, TEXT_LIMITS.reference) !== null;
}

/**
 * Verifies a bearer token and returns its viewer. Throws UNAUTHENTICATED for a missing,
 * malformed, expired or wrongly signed token, and for one that would live too long: `exp` and
 * `iat` are required, `iat` may not lie in the future (beyond CLOCK_SKEW_SECONDS), the lifetime
 * exp − iat is capped, and `sub` and `org` must be non-empty. There is no anonymous access to
 * contract data.
 */
export function viewerFromAuthorization(header: string | undefined | null, secret: string, options: VerifyOptions = {}): Viewer {
  if (!header) throw unauthenticated('Authorization header with a Bearer token is required');
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match) throw unauthenticated('Authorization header must be "Bearer <token>"');
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const maxLifetime = options.maxLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS;
  let payload: jwt.JwtPayload;
  try {
    const decoded = jwt.verify(match[1], secret, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE, clockTimestamp: now });
    if (typeof decoded === 'string') throw new Error('unexpected string payload');
    payload = decoded;
  } catch (error) {
    const reason = error instanceof jwt.TokenExpiredError ? 'token expired' : 'token invalid';
    throw unauthenticated(`${reason}; ask for a new token`);
  }
  if (typeof payload.exp !== 'number' || typeof payload.iat !== 'number') {
    throw unauthenticated('token must carry exp and iat (a token that never expires is refused); ask for a new token');
  }
  if (payload.iat > now + CLOCK_SKEW_SECONDS) throw unauthenticated('token issued in the future (iat); check the issuer\'s clock');
  if (payload.exp - payload.iat > maxLifetime) {
    throw unauthenticated(`token lives longer than ${maxLifetime} seconds (exp − iat); ask for a shorter-lived token`);
  }
  const org = payload.org;
  const roles = payload.roles;
  if (badClaim(payload.sub) || badClaim(org) || !Array.isArray(roles)) {
    throw unauthenticated('token must carry sub, org and roles claims (sub and org non-empty)');
  }
  const known = roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r));
  return { subject: payload.sub as string, organisationId: org as string, roles: known };
}
