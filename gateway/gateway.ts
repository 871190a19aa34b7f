import { ApolloServer } from '@apollo/server';
import { ApolloGateway, GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types';
import { Viewer, viewerFromAuthorization } from '../services/platform/auth';
import { isProduction } from '../services/platform/config';
import { serveHttp, RunningServer } from '../services/platform/http';
import { costLimit, depthLimit } from '../services/platform/limits';
import { formatError, LIMITS } from '../services/platform/subgraph';

interface GatewayContext {
  viewer: Viewer;
  authorization: string;
  requestId: string;
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
  /** Production mode (no introspection); defaults from NODE_ENV. */
  production?: boolean;
}

/** Forwards the caller's token to every subgraph, which verifies it again and filters by tenant. */
class AuthenticatedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    if (options.kind !== GraphQLDataSourceRequestKind.INCOMING_OPERATION) return;
    const { request, context } = options;
    if (context.authorization) request.http?.headers.set('authorization', context.authorization);
    if (context.requestId) request.http?.headers.set('x-request-id', context.requestId);
  }
}

export async function startGateway(options: GatewayOptions): Promise<RunningServer> {
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    // Node's own fetch (undici) moves large request bodies (bulk uploads) faster than the default fetcher.
    buildService: ({ name, url }) => new AuthenticatedDataSource({ url: options.subgraphUrls[name] ?? url, fetcher: fetch as never }),
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !(options.production ?? isProduction()),
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    formatError,
    validationRules: [depthLimit(options.maxDepth ?? LIMITS.maxDepth), costLimit(options.maxCost ?? LIMITS.maxCost)],
  });
  await apollo.start();
  let counter = 0;
  return serveHttp({
    apollo,
    port: options.port,
    host: options.host,
    context: async (req) => {
      const authorization = req.headers.authorization ?? '';
      const viewer = viewerFromAuthorization(authorization, options.jwtSecret);
      // A caller's request id is kept for tracing only when it is short and plain.
      const given = req.headers['x-request-id'];
      const requestId =
        typeof given === 'string' && /^[\w.:-]{1,100}$/.test(given) ? given : `gw-${Date.now().toString(36)}-${(counter++).toString(36)}`;
      return { viewer, authorization, requestId };
    },
  });
}
