import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { GraphQLFormattedError, GraphQLSchema, parse } from 'graphql';
import { buildSchema, createResolversMap, NonEmptyArray } from 'type-graphql';
import { DataSource } from 'typeorm';
import { Viewer, viewerFromAuthorization } from './auth';
import { isProduction, SubgraphName } from './config';
import { serveHttp, RunningServer } from './http';
import { costLimit, depthLimit } from './limits';
import { DateTimeScalar } from './scalars';
import { Clock, systemClock } from './clock';
import { DEFAULT_PEER_TIMEOUT_MS, Peer } from '../clients/graphql-http';

/** What a resolver sees: the verified viewer, this subgraph's database, per-request loaders. */
export interface SubgraphContext<TLoaders = unknown> {
  viewer: Viewer;
  db: DataSource;
  loaders: TLoaders;
  /** The request's instant, read once from the process clock. */
  now: Date;
}

/** What a subgraph may need of the incoming request to ask other subgraphs on the caller's behalf. */
export interface RequestInfo {
  authorization: string;
  /** URLs of the other subgraphs, by name. */
  peers: Record<string, string>;
  /** The request's instant. */
  now: Date;
  /** Another subgraph, to ask with the caller's token and the configured timeout. */
  peer(name: SubgraphName): Peer;
}

export type ReferenceResolver<TLoaders> = (
  // The representation's shape is the entity's @key (and @requires) fields.
  reference: any,
  context: SubgraphContext<TLoaders>,
) => unknown;

/** Everything that makes up one subgraph; main.ts, the dev runner and tests all start it from this. */
export interface SubgraphModule<TLoaders = unknown> {
  name: SubgraphName;
  resolvers: NonEmptyArray<Function>;
  orphanedTypes?: Function[];
  entities: Function[];
  migrations: Function[];
  /** `__resolveReference` per entity type name; each must batch through a loader. */
  referenceResolvers: Record<string, ReferenceResolver<TLoaders>>;
  createLoaders(db: DataSource, viewer: Viewer, request: RequestInfo): TLoaders;
  /** Inserts demo data into an empty database, relative to `now`; a no-op when data exists. */
  seed?(db: DataSource, now: Date): Promise<void>;
  /**
   * Background work of the subgraph's process (the exchange subgraph's job runner), started once
   * the database is migrated; answers how to stop it, called before the database closes.
   */
  start?(db: DataSource, clock: Clock): Promise<() => Promise<void>>;
}

const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides"])';

/** The subgraph's SDL as printed into schema/<name>.graphql. */
export async function printSubgraphSdl(module: SubgraphModule<any>): Promise<string> {
  const schema = await buildTypeGraphqlSchema(module);
  return `${FEDERATION_LINK}\n\n${printSchemaWithDirectives(schema)}\n`;
}

function buildTypeGraphqlSchema(module: SubgraphModule<any>): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: module.resolvers,
    orphanedTypes: module.orphanedTypes,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    validate: false,
    emitSchemaFile: false,
  });
}

export async function buildFederatedSchema(module: SubgraphModule<any>): Promise<GraphQLSchema> {
  const schema = await buildTypeGraphqlSchema(module);
  const sdl = `${FEDERATION_LINK}\n\n${printSchemaWithDirectives(schema)}`;
  const resolvers = createResolversMap(schema) as Record<string, any>;
  for (const [typeName, resolve] of Object.entries(module.referenceResolvers)) {
    resolvers[typeName] = { ...(resolvers[typeName] ?? {}), __resolveReference: resolve };
  }
  return buildSubgraphSchema({ typeDefs: parse(sdl), resolvers });
}

/**
 * Hides unexpected errors (SQL text, stack traces) from clients; errors the hub raises on
 * purpose carry a code and pass through unchanged.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (code === 'INTERNAL_SERVER_ERROR' || code === undefined) {
    const original = (error as { originalError?: unknown })?.originalError ?? error;
    console.error('unexpected error', original);
    return { message: 'internal error; it has been logged', extensions: { code: 'INTERNAL_SERVER_ERROR' }, path: formatted.path };
  }
  return formatted;
}

/**
 * Default query limits. A page of 500 contracts with their queues and targets costs about
 * 50,000 under the cost model of limits.ts; anything far beyond is abuse or a mistake.
 */
export const LIMITS = { maxDepth: 12, maxCost: 100_000 };

export async function startSubgraph<TLoaders>(
  module: SubgraphModule<TLoaders>,
  options: { db: DataSource; port: number; jwtSecret: string; host?: string; peers?: Record<string, string>; clock?: Clock; peerTimeoutMs?: number },
): Promise<RunningServer> {
  const schema = await buildFederatedSchema(module);
  const apollo = new ApolloServer<SubgraphContext<TLoaders>>({
    schema,
    introspection: !isProduction(),
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    formatError,
    // Traces would go to Apollo's hosted service, which this hub does not use.
    plugins: [ApolloServerPluginInlineTraceDisabled()],
    // Defence in depth: subgraphs sit behind the gateway, but refuse abuse on their own too.
    validationRules: [depthLimit(LIMITS.maxDepth + 2), costLimit(LIMITS.maxCost * 2)],
  });
  await apollo.start();
  return serveHttp({
    apollo,
    port: options.port,
    host: options.host,
    context: async (req) => {
      const viewer = viewerFromAuthorization(req.headers.authorization, options.jwtSecret);
      const now = (options.clock ?? systemClock)();
      const authorization = req.headers.authorization ?? '';
      const peers = options.peers ?? {};
      const request: RequestInfo = {
        authorization,
        peers,
        now,
        peer(name) {
          const url = peers[name];
          if (!url) throw new Error(`the ${module.name} subgraph needs the ${name} subgraph URL (${name.toUpperCase()}_URL)`);
          return { name, url, authorization, timeoutMs: options.peerTimeoutMs ?? DEFAULT_PEER_TIMEOUT_MS };
        },
      };
      return { viewer, db: options.db, now, loaders: module.createLoaders(options.db, viewer, request) };
    },
    health: async () => {
      await options.db.query('SELECT 1');
    },
  });
}
