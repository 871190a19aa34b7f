import { existsSync, readFileSync, statSync } from 'node:fs';
import type http from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { Role, ROLES, signToken } from '../services/platform/auth';
import type { Clock } from '../services/platform/clock';
import { DEMO } from '../services/demo/ids';

/**
 * The web console as the gateway serves it: the built single-page application (`npm run build`
 * writes it to dist/console), the GraphQL explorer, the console's configuration, and, outside
 * production only, the demo sign-in that mints tokens for the demo organisations.
 *
 *   GET /                 the console (HTML requests; other requests to / stay GraphQL)
 *   GET /explorer         GraphiQL, bundled, with the signed-in token
 *   GET /assets/*         the bundles
 *   GET /console/config.json   the hub's clock and whether demo sign-in exists
 *   GET /dev/demo-identities   the demo organisations and roles to sign in as (not in production)
 *   POST /dev/token       { org, roles } → a short-lived token (not in production)
 *   GET /graphql (HTML)   redirects to /explorer (Apollo's landing page loads code from the internet)
 */
export interface ConsoleOptions {
  /** Where the built console is; dist/console by default. */
  dir?: string;
  /** Mint demo tokens at POST /dev/token; on outside production, refused in production. */
  demoSignIn?: boolean;
}

export interface ConsoleHandlerOptions extends ConsoleOptions {
  production: boolean;
  jwtSecret: string;
  clock: Clock;
  maxTokenLifetimeSeconds: number;
}

/** A demo token lives a working day, or less when the hub caps lifetimes lower. */
const DEMO_TOKEN_SECONDS = 8 * 3600;

/** Who the demo sign-in offers, from the demo data: each organisation with the roles its users have. */
export function demoIdentities(): Array<{ org: string; name: string; kind: string; roles: Role[]; label: string }> {
  const people = Object.values(DEMO.organisations).map((o) => ({
    org: o.id,
    name: o.name,
    kind: o.kind,
    roles: ['read', 'write'] as Role[],
    label: o.kind === 'CLIENT' ? 'operations manager' : 'workforce and account manager',
  }));
  const northwind = DEMO.organisations.northwind;
  people.splice(1, 0, { org: northwind.id, name: northwind.name, kind: northwind.kind, roles: ['read', 'procure'], label: 'procurement officer' });
  return people;
}

/** Where `npm run build` puts the console: dist/console from compiled code (dist/gateway) and from sources (gateway/). */
export function defaultConsoleDir(): string {
  const candidates = [join(__dirname, '..', 'console'), join(__dirname, '..', 'dist', 'console')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? candidates[candidates.length - 1];
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

/**
 * Nothing is loaded from elsewhere: scripts, styles, fonts and data come from the hub itself.
 * GraphiQL's editor sets inline styles, hence 'unsafe-inline' for styles only.
 */
const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

function send(res: http.ServerResponse, status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}): void {
  res.statusCode = status;
  res.setHeader('content-type', type);
  for (const [k, v] of Object.entries({ ...SECURITY_HEADERS, ...headers })) res.setHeader(k, v);
  res.end(body);
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  send(res, status, TYPES['.json'], JSON.stringify(body), { 'cache-control': 'no-store' });
}

function wantsHtml(req: http.IncomingMessage): boolean {
  return (req.method === 'GET' || req.method === 'HEAD') && (req.headers.accept ?? '').includes('text/html');
}

function readJsonBody(req: http.IncomingMessage, limit = 4096): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > limit) return reject(new Error('body too large'));
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reject(new Error('body is not JSON'));
      }
    });
    req.on('error', reject);
  });
}

/**
 * Returns a request handler that answers the console's routes and says false for every other
 * request (left to GraphQL and /health).
 */
export function consoleHandler(options: ConsoleHandlerOptions): (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => Promise<boolean> {
  const demoSignIn = options.demoSignIn ?? !options.production;
  if (demoSignIn && options.production) throw new Error('demo sign-in mints tokens for any demo organisation; it is never on in production');
  const dir = options.dir ?? defaultConsoleDir();
  const identities = demoIdentities();
  const page = (name: string): Buffer | null => {
    const file = join(dir, name);
    return existsSync(file) ? readFileSync(file) : null;
  };
  const notBuilt = (res: http.ServerResponse) =>
    send(res, 503, TYPES['.html'], '<!doctype html><html lang="en"><title>Console not built</title><p>The console has not been built: run <code>npm run build</code> (or <code>npm start</code>, which builds it).</p></html>');

  return async (req, res, url) => {
    const path = url.pathname;
    if ((path === '/' || path === '/index.html') && wantsHtml(req)) {
      const html = page('index.html');
      if (!html) notBuilt(res);
      else send(res, 200, TYPES['.html'], html, { 'cache-control': 'no-cache' });
      return true;
    }
    if (path === '/explorer' && (req.method === 'GET' || req.method === 'HEAD')) {
      const html = page('explorer.html');
      if (!html) notBuilt(res);
      else send(res, 200, TYPES['.html'], html, { 'cache-control': 'no-cache' });
      return true;
    }
    if (path === '/graphql' && wantsHtml(req) && !url.search) {
      res.statusCode = 302;
      res.setHeader('location', '/explorer');
      res.end();
      return true;
    }
    if (path.startsWith('/assets/') && (req.method === 'GET' || req.method === 'HEAD')) {
      const relative = normalize(decodeURIComponent(path.slice(1)));
      const file = join(dir, relative);
      if (relative.startsWith('..') || !file.startsWith(join(dir, 'assets') + sep) || !existsSync(file) || !statSync(file).isFile()) {
        send(res, 404, 'text/plain; charset=utf-8', 'not found');
        return true;
      }
      send(res, 200, TYPES[extname(file)] ?? 'application/octet-stream', readFileSync(file), { 'cache-control': 'no-cache' });
      return true;
    }
    if (path === '/console/config.json' && req.method === 'GET') {
      sendJson(res, 200, { now: options.clock().toISOString(), demoSignIn });
      return true;
    }
    if (path === '/dev/demo-identities' || path === '/dev/token') {
      if (!demoSignIn) {
        sendJson(res, 404, { error: 'demo sign-in is off (always in production); sign in with a token from your identity provider' });
        return true;
      }
      if (path === '/dev/demo-identities' && req.method === 'GET') {
        sendJson(res, 200, identities);
        return true;
      }
      if (path === '/dev/token' && req.method === 'POST') {
        // A JSON body only: a form on another site cannot post one without the browser asking first.
        if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
          sendJson(res, 415, { error: 'send { "org": …, "roles": […] } as application/json' });
          return true;
        }
        let body: { org?: unknown; roles?: unknown };
        try {
          body = (await readJsonBody(req)) as typeof body;
        } catch (error) {
          sendJson(res, 400, { error: (error as Error).message });
          return true;
        }
        const roles = Array.isArray(body?.roles) ? body.roles : [];
        const identity = identities.find((i) => i.org === body?.org && i.roles.length === roles.length && i.roles.every((r) => roles.includes(r)));
        if (!identity || !roles.every((r) => (ROLES as readonly unknown[]).includes(r))) {
          sendJson(res, 400, { error: `no demo identity ${JSON.stringify(body?.org)} with roles ${JSON.stringify(roles)}; GET /dev/demo-identities lists them` });
          return true;
        }
        const lifetime = Math.min(DEMO_TOKEN_SECONDS, options.maxTokenLifetimeSeconds);
        const token = signToken({ sub: `demo-${identity.org}-${identity.roles.join('-')}`, org: identity.org, roles: identity.roles }, options.jwtSecret, lifetime, { now: options.clock() });
        sendJson(res, 200, { token, expiresInSeconds: lifetime });
        return true;
      }
      sendJson(res, 405, { error: 'method not allowed' });
      return true;
    }
    return false;
  };
}
