import jwt from 'jsonwebtoken';
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

export function signToken(
  claims: { sub: string; org: string; roles: Role[] },
  secret: string,
  expiresInSeconds = 12 * 3600,
): string {
  return jwt.sign({ org: claims.org, roles: claims.roles }, secret, {
    algorithm: 'HS256',
    subject: claims.sub,
    issuer: ISSUER,
    audience: AUDIENCE,
    expiresIn: expiresInSeconds,
  });
}

/**
 * Verifies a bearer token and returns its viewer. Throws UNAUTHENTICATED for a missing,
 * malformed, expired or wrongly signed token: there is no anonymous access to contract data.
 */
export function viewerFromAuthorization(header: string | undefined | null, secret: string): Viewer {
  if (!header) throw unauthenticated('Authorization header with a Bearer token is required');
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match) throw unauthenticated('Authorization header must be "Bearer <token>"');
  let payload: jwt.JwtPayload;
  try {
    const decoded = jwt.verify(match[1], secret, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE });
    if (typeof decoded === 'string') throw new Error('unexpected string payload');
    payload = decoded;
  } catch (error) {
    const reason = error instanceof jwt.TokenExpiredError ? 'token expired' : 'token invalid';
    throw unauthenticated(`${reason}; ask for a new token`);
  }
  const org = payload.org;
  const roles = payload.roles;
  if (typeof payload.sub !== 'string' || typeof org !== 'string' || !Array.isArray(roles)) {
    throw unauthenticated('token must carry sub, org and roles claims');
  }
  const known = roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r));
  return { subject: payload.sub, organisationId: org, roles: known };
}
