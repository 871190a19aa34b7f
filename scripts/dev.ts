import 'reflect-metadata';
import { signToken, Role } from '../services/platform/auth';
import { isProduction, jwtSecret, SUBGRAPHS } from '../services/platform/config';
import { localHubAddresses, startLocalHub } from '../gateway/local-hub';
import { DEMO } from '../services/demo/ids';

/**
 * `npm start`: the whole hub on SQLite files under data/, seeded once with demo data, on the ports
 * GATEWAY_PORT and <NAME>_PORT name (4000-4004 by default); a subgraph given <NAME>_URL is used there.
 */
async function main(): Promise<void> {
  if (isProduction()) throw new Error('npm start is the development runner; in production start each service on its own (see docker-compose.yml)');
  const secret = jwtSecret();
  const addresses = localHubAddresses(process.env);
  const hub = await startLocalHub({ databaseUrl: process.env.DATABASE_URL ?? 'sqlite:data', jwtSecret: secret, seed: true, addresses });
  const token = (org: string, roles: Role[]) => signToken({ sub: `demo-${org}`, org, roles }, secret, 24 * 3600);
  console.log(`\nContact-centre hub ready: ${hub.url}`);
  console.log(`  web console: ${hub.url.replace(/\/graphql$/, '/')} (sign in as a demo organisation); GraphQL explorer: ${hub.url.replace(/\/graphql$/, '/explorer')}`);
  for (const name of SUBGRAPHS) console.log(`  subgraph ${name}: ${hub.subgraphUrls[name]}${hub.subgraphs[name] ? '' : ' (elsewhere, from ' + name.toUpperCase() + '_URL)'}`);
  console.log('\nDemo tokens (24 h; send as "Authorization: Bearer <token>"):');
  for (const org of Object.values(DEMO.organisations)) {
    console.log(`\n  ${org.name} (${org.kind.toLowerCase()}, org "${org.id}", roles read,write):\n  ${token(org.id, ['read', 'write'])}`);
  }
  console.log(`\n  Northwind Energy procurement (roles read,procure):\n  ${token('northwind', ['read', 'procure'])}`);
  console.log(`\n  Hub operator (admin):\n  ${token('hub-operator', ['admin'])}`);
  console.log(`\nTry: curl -s ${hub.url} -H 'content-type: application/json' -H "authorization: Bearer <token>" -d '{"query":"{ me { organisation { id name kind } } }"}'\n`);
  const stop = () => hub.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error) => {
  console.error('the hub failed to start:', error);
  process.exit(1);
});
