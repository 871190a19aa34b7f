import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLError } from 'graphql';
import { ApolloGateway } from '@apollo/gateway';
import { Viewer, viewerFromAuthorization } from '../services/platform/auth';
import { Clock, systemClock } from '../services/platform/clock';
import { checkJwtSecret, DEFAULT_GATEWAY_REQUEST_TIMEOUT_MS, DEFAULT_TENANT_LIMITS, isProduction, jwtMaxLifetimeSeconds, subgraphTimeoutMs } from '../services/platform/config';
import { serveHttp, RunningServer } from '../services/platform/http';
import { depthLimit, QUERY_LIMITS, queryLimitsPlugin } from '../services/platform/limits';
import { faultLogPlugin, formatError, literalInputPlugin } from '../services/platform/subgraph';
import { metricsPlugin } from '../services/platform/metrics';
import { LAST_WRITE_HEADER } from '../services/platform/read-routing';
import { consoleHandler, ConsoleOptions } from './console';
import { SubgraphCallContext, SubgraphDataSource } from './subgraph-source';
import { TenantLimiter, TenantLimiterOptions } from './tenant-limiter';
import type { ApolloServerPlugin } from '@apollo/server';

interface GatewayContext extends SubgraphCallContext {
  viewer: Viewer;
  /** Gives the organisation's slot back; called once the answer is sent. */
  releaseSlot: () => void;
}

/**
 * Answers every mutation with the instant it wrote at (x-hub-last-write): a client that sends the
 * header back reads its own writes, also from subgraphs that read from a replica.
 */
function lastWritePlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ operation, response, contextValue }) {
          if (operation?.operation === 'mutation' && contextValue.nowMs !== undefined) response.http.headers.set(LAST_WRITE_HEADER, String(contextValue.nowMs));
        },
      };
    },
  };
}

/** Frees the request's slot in its organisation's lane when the answer goes out. */
function tenantSlotPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue }) {
          contextValue.releaseSlot?.();
        },
      };
    },
  };
}

export interface GatewayOptions {
  supergraphSdl: string;
  /** Overrides of the URLs printed in the supergraph, by subgraph name. */
  subgraphUrls: Record<string, string>;
  jwtSecret: string;
  port: number;
  host?: string;
  maxDepth?: number;
  maxCost?: number;
  maxAliases?: number;
  maxTokens?: number;
  /** Longest wait for one subgraph call (SUBGRAPH_TIMEOUT_MS by default). */
  subgraphTimeoutMs?: number;
  /** Longest time one request may take (GATEWAY_REQUEST_TIMEOUT_MS). */
  requestTimeoutMs?: number;
  /** Longest token lifetime accepted (HUB_JWT_MAX_LIFETIME_SECONDS by default). */
  maxTokenLifetimeSeconds?: number;
  /** Where "now" comes from when tokens are verified; the system clock by default. */
  clock?: Clock;
  /** Production mode (no introspection, no field suggestions, no development secret); defaults from NODE_ENV. */
  production?: boolean;
  /** Requests per organisation running and waiting (GATEWAY_MAX_INFLIGHT_PER_ORG, GATEWAY_MAX_QUEUED_PER_ORG). */
  tenantLimits?: TenantLimiterOptions;
  /** The web console: where its build is, and demo sign-in (on outside production, refused in production). */
  console?: ConsoleOptions;
}

export async function startGateway(options: GatewayOptions): Promise<RunningServer> {
  const production = options.production ?? isProduction();
  checkJwtSecret(options.jwtSecret, production);
  const clock = options.clock ?? systemClock;
  const maxLifetimeSeconds = options.maxTokenLifetimeSeconds ?? jwtMaxLifetimeSeconds();
  const timeoutMs = options.subgraphTimeoutMs ?? subgraphTimeoutMs();
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) => new SubgraphDataSource(name, options.subgraphUrls[name] ?? url ?? '', timeoutMs),
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !production,
    hideSchemaDetailsFromClientErrors: production,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    formatError,
    parseOptions: { maxTokens: options.maxTokens ?? QUERY_LIMITS.maxTokens },
    validationRules: [depthLimit(options.maxDepth ?? QUERY_LIMITS.maxDepth)],
    plugins: [
      // Apollo's landing page loads its code from the internet; the hub serves its own explorer at /explorer.
      ApolloServerPluginLandingPageDisabled(),
      faultLogPlugin('gateway'),
      metricsPlugin('gateway'),
      literalInputPlugin(),
      tenantSlotPlugin(),
      lastWritePlugin(),
      queryLimitsPlugin({ maxCost: options.maxCost ?? QUERY_LIMITS.maxCost, maxAliases: options.maxAliases ?? QUERY_LIMITS.maxAliases }),
    ],
  });
  await apollo.start();
  const limiter = new TenantLimiter(options.tenantLimits ?? DEFAULT_TENANT_LIMITS);
  let counter = 0;
  return serveHttp({
    apollo,
    port: options.port,
    host: options.host,
    service: 'gateway',
    requestTimeoutMs: options.requestTimeoutMs ?? DEFAULT_GATEWAY_REQUEST_TIMEOUT_MS,
    routes: consoleHandler({ ...options.console, production, jwtSecret: options.jwtSecret, clock, maxTokenLifetimeSeconds: maxLifetimeSeconds }),
    context: async (req, signal) => {
      const authorization = req.headers.authorization ?? '';
      const now = clock();
      const viewer = viewerFromAuthorization(authorization, options.jwtSecret, { now, maxLifetimeSeconds });
      const written = req.headers[LAST_WRITE_HEADER];
      const lastWrite = typeof written === 'string' && /^\d{1,15}$/.test(written) ? written : undefined;
      // A caller's request id is kept for tracing only when it is short and plain.
      const given = req.headers['x-request-id'];
      const requestId =
        typeof given === 'string' && /^[\w.:-]{1,100}$/.test(given) ? given : `gw-${Date.now().toString(36)}-${(counter++).toString(36)}`;
      // Last, so nothing after it can fail and leave the slot taken; the answer (or an abort) frees it.
      const releaseSlot = await limiter.acquire(viewer.organisationId);
      if (signal?.aborted) {
        releaseSlot();
        throw new GraphQLError('the request timed out while waiting for a slot of your organisation', { extensions: { code: 'REQUEST_TIMEOUT' } });
      }
      signal?.addEventListener('abort', releaseSlot, { once: true });
      return { viewer, authorization, requestId, signal, releaseSlot, lastWrite, nowMs: now.getTime() };
    },
  });
}
