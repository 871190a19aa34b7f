import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gatewayPort, intFromEnv, jwtSecret, SUBGRAPHS, subgraphUrl } from '../services/platform/config';
import { LIMITS } from '../services/platform/subgraph';
import { startGateway } from './gateway';

async function main(): Promise<void> {
  const file = process.env.SUPERGRAPH_PATH ?? join(__dirname, '..', '..', 'schema', 'supergraph.graphql');
  const server = await startGateway({
    supergraphSdl: readFileSync(file, 'utf8'),
    subgraphUrls: Object.fromEntries(SUBGRAPHS.map((name) => [name, subgraphUrl(name)])),
    jwtSecret: jwtSecret(),
    port: gatewayPort(),
    maxDepth: intFromEnv('GATEWAY_MAX_DEPTH', LIMITS.maxDepth),
    maxCost: intFromEnv('GATEWAY_MAX_COST', LIMITS.maxCost),
  });
  console.log(`gateway ready at ${server.url}`);
  const stop = () => server.stop().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error) => {
  console.error('gateway failed to start:', error);
  process.exit(1);
});
