import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { viewerFromAuthorization } from '../services/platform/auth';
import { manualClock } from '../services/platform/clock';
import { consoleHandler, ConsoleHandlerOptions } from './console';

const SECRET = 'console-test-secret-0123456789abcdef0123';
const NOW = '2026-06-15T10:00:00Z';
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'console-test-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>console</title>');
  writeFileSync(join(dir, 'explorer.html'), '<!doctype html><title>explorer</title>');
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'not an asset');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function serve(options: Partial<ConsoleHandlerOptions>): Promise<{ url: string; close(): Promise<void> }> {
  const handle = consoleHandler({ dir, production: false, jwtSecret: SECRET, clock: manualClock(NOW), maxTokenLifetimeSeconds: 24 * 3600, ...options });
  const server = http.createServer(async (req, res) => {
    if (!(await handle(req, res, new URL(req.url ?? '/', 'http://localhost')))) {
      res.statusCode = 418;
      res.end('left to GraphQL');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const postToken = (url: string, body: unknown, type = 'application/json') => fetch(`${url}/dev/token`, { method: 'POST', headers: { 'content-type': type }, body: JSON.stringify(body) });

describe('the console routes', () => {
  it('serve the console to browsers at / and leave other requests to GraphQL', async () => {
    const s = await serve({});
    try {
      expect((await fetch(`${s.url}/`, { headers: { accept: 'text/html' } })).status).toBe(200);
      expect((await fetch(`${s.url}/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(418);
      expect((await fetch(`${s.url}/graphql?query={__typename}`, { headers: { accept: 'text/html' } })).status).toBe(418);
      expect((await fetch(`${s.url}/assets/app.js`)).headers.get('content-type')).toContain('text/javascript');
      for (const sneaky of ['/assets/../secret.txt', '/assets/%2e%2e/secret.txt', '/assets/..%2fsecret.txt', '/assets/missing.js']) {
        const response = await fetch(`${s.url}${sneaky}`);
        expect({ sneaky, served: response.status === 200, body: await response.text() }).toEqual({ sneaky, served: false, body: expect.not.stringContaining('not an asset') });
      }
      expect(await (await fetch(`${s.url}/console/config.json`)).json()).toEqual({ now: '2026-06-15T10:00:00.000Z', demoSignIn: true });
    } finally {
      await s.close();
    }
  });

  it('mint a demo token outside production, at the hub clock, only for a demo identity', async () => {
    const s = await serve({});
    try {
      const ok = (await (await postToken(s.url, { org: 'contoso', roles: ['read', 'write'] })).json()) as { token: string; expiresInSeconds: number };
      expect(ok.expiresInSeconds).toBe(8 * 3600);
      expect(viewerFromAuthorization(`Bearer ${ok.token}`, SECRET, { now: new Date(NOW) })).toEqual({ subject: 'demo-contoso-read-write', organisationId: 'contoso', roles: ['read', 'write'] });
      expect((await postToken(s.url, { org: 'hub-operator', roles: ['admin'] })).status).toBe(400);
      expect((await postToken(s.url, { org: 'northwind', roles: ['read', 'write', 'procure'] })).status).toBe(400);
      expect((await postToken(s.url, { org: 'contoso', roles: ['read', 'write'] }, 'text/plain')).status).toBe(415);
      expect((await fetch(`${s.url}/dev/token`)).status).toBe(405);
    } finally {
      await s.close();
    }
  });

  it('never mint tokens in production', async () => {
    const s = await serve({ production: true });
    try {
      expect((await postToken(s.url, { org: 'contoso', roles: ['read', 'write'] })).status).toBe(404);
      expect((await fetch(`${s.url}/dev/demo-identities`)).status).toBe(404);
      expect(await (await fetch(`${s.url}/console/config.json`)).json()).toMatchObject({ demoSignIn: false });
    } finally {
      await s.close();
    }
    expect(() => consoleHandler({ dir, production: true, demoSignIn: true, jwtSecret: SECRET, clock: manualClock(NOW), maxTokenLifetimeSeconds: 3600 })).toThrow(/never on in production/);
  });

  it('say how to build the console when it has not been built', async () => {
    const s = await serve({ dir: join(dir, 'nowhere') });
    try {
      const response = await fetch(`${s.url}/`, { headers: { accept: 'text/html' } });
      expect(response.status).toBe(503);
      expect(await response.text()).toContain('npm run build');
    } finally {
      await s.close();
    }
  });
});
