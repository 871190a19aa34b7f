import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_GATEWAY_REQUEST_TIMEOUT_MS, DEFAULT_TENANT_LIMITS, gatewayPort, intFromEnv, jwtSecret, SUBGRAPHS, subgraphUrl } from '../services/platform/config';
import { QUERY_LIMITS } from '../services/platform/limits';
import { startGateway } from './gateway';

async function main(): Promise<void> {
  const file = process.env.SUPERGRAPH_PATH ?? join(__dirname, '..', '..', 'schema', 'supergraph.graphql');
  const server = await startGateway({
    supergraphSdl: readFileSync(file, 'utf8'),
    subgraphUrls: Object.fromEntries(SUBGRAPHS.map((name) => [name, subgraphUrl(name)])),
    jwtSecret: jwtSecret(),
    port: gatewayPort(),
    maxDepth: intFromEnv('GATEWAY_MAX_DEPTH', QUERY_LIMITS.maxDepth),
    maxCost: intFromEnv('GATEWAY_MAX_COST', QUERY_LIMITS.maxCost),
    maxAliases: intFromEnv('GATEWAY_MAX_ALIASES', QUERY_LIMITS.maxAliases),
    maxTokens: intFromEnv('GATEWAY_MAX_TOKENS', QUERY_LIMITS.maxTokens),
    requestTimeoutMs: intFromEnv('GATEWAY_REQUEST_TIMEOUT_MS', DEFAULT_GATEWAY_REQUEST_TIMEOUT_MS),
    tenantLimits: {
      perOrganisation: intFromEnv('GATEWAY_MAX_INFLIGHT_PER_ORG', DEFAULT_TENANT_LIMITS.perOrganisation),
      queuePerOrganisation: intFromEnv('GATEWAY_MAX_QUEUED_PER_ORG', DEFAULT_TENANT_LIMITS.queuePerOrganisation),
    },
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
