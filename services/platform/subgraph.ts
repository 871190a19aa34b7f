import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ASTNode, DocumentNode, GraphQLError, GraphQLFormattedError, GraphQLSchema, Kind, parse, validate, ValuesOfCorrectTypeRule, visit } from 'graphql';
import { buildSchema, createResolversMap, NonEmptyArray } from 'type-graphql';
import { DataSource } from 'typeorm';
import { Role, Viewer, viewerFromAuthorization } from './auth';
import { checkJwtSecret, isProduction, jwtMaxLifetimeSeconds, SubgraphName } from './config';
import { serveHttp, RunningServer } from './http';
import { depthLimit, QUERY_LIMITS, queryLimitsPlugin } from './limits';
import { DateTimeScalar } from './scalars';
import { Clock, systemClock } from './clock';
import { DEFAULT_PEER_TIMEOUT_MS, Peer } from '../clients/graphql-http';
import { logger } from './log';
import { metricsPlugin } from './metrics';
import { missingMigrations } from './migrate';
import { DEFAULT_READ_REPLICA_MAX_LAG_MS, LAST_WRITE_HEADER, primaryForMutationsPlugin, routeContext, wroteRecently } from './read-routing';

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

/** The subgraphs already running, for a demo seed to ask as one organisation (a short-lived token of its own). */
export interface SeedPeers {
  peer(name: SubgraphName, as: { organisationId: string; roles: Role[] }): Peer;
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
  /**
   * Inserts demo data into an empty database, relative to `now`; a no-op when data exists.
   * `peers` asks the subgraphs started before this one, for a seed made of their data.
   */
  seed?(db: DataSource, now: Date, peers?: SeedPeers): Promise<void>;
  /**
   * Background work of the subgraph's process (the exchange subgraph's job runner), started once
   * the database is migrated; answers how to stop it, called before the database closes.
   */
  start?(db: DataSource, clock: Clock): Promise<() => Promise<void>>;
}

const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible"])';

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

/** Codes of faults, not of the caller's request: logged, and shown only as "internal error". */
function isFault(code: unknown): boolean {
  return code === undefined || code === 'INTERNAL_SERVER_ERROR';
}

/**
 * Hides unexpected errors (SQL text, stack traces) from clients; errors the hub raises on
 * purpose carry a code and pass through unchanged. A literal that does not fit its type (a
 * DateTime without a zone, a SafeInt of 1.5, an empty IntervalBatch …) is found while the
 * document is validated, which Apollo reports as GRAPHQL_VALIDATION_FAILED; it is bad input like
 * the same value sent in a variable, so it is answered BAD_USER_INPUT naming the argument (see
 * literalInputPlugin).
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (isFault(code)) {
    return { message: 'internal error; it has been logged', extensions: { code: 'INTERNAL_SERVER_ERROR' }, path: formatted.path };
  }
  const literal = formatted.extensions?.[LITERAL_FIELD];
  if (code === 'GRAPHQL_VALIDATION_FAILED' && typeof literal === 'string') {
    const { [LITERAL_FIELD]: _literal, http: _http, ...extensions } = formatted.extensions ?? {};
    const own = (error as { originalError?: unknown })?.originalError;
    const field = own instanceof GraphQLError && typeof own.extensions?.field === 'string' ? own.extensions.field : literal;
    return { ...formatted, extensions: { ...extensions, code: 'BAD_USER_INPUT', field, problems: [{ field, message: formatted.message }] } };
  }
  return formatted;
}

/** Marks a validation error that is about a literal input value, with the argument it was given for. */
const LITERAL_FIELD = 'literalInputField';

const VALUE_KINDS = new Set<string>([Kind.INT, Kind.FLOAT, Kind.STRING, Kind.BOOLEAN, Kind.NULL, Kind.ENUM, Kind.LIST, Kind.OBJECT]);

/** Each variable of a document with the argument (and input fields) it is given for, e.g. `$f` → `effectiveFrom`. */
function variableArguments(document: DocumentNode): Map<string, string> {
  const uses = new Map<string, string>();
  const stack: string[] = [];
  visit(document, {
    Argument: { enter: (node) => void stack.push(node.name.value), leave: () => void stack.pop() },
    ObjectField: { enter: (node) => void stack.push(node.name.value), leave: () => void stack.pop() },
    Variable(node) {
      if (stack.length > 0 && !uses.has(node.name.value)) uses.set(node.name.value, stack.join('.'));
    },
  });
  return uses;
}

/** Every literal value of a document with the argument (and input fields) it is given for, e.g. `input.monthlyFeeMinor`. */
function literalPaths(document: DocumentNode): Map<ASTNode, string> {
  const paths = new Map<ASTNode, string>();
  const stack: string[] = [];
  visit(document, {
    Argument: { enter: (node) => void stack.push(node.name.value), leave: () => void stack.pop() },
    ObjectField: { enter: (node) => void stack.push(node.name.value), leave: () => void stack.pop() },
    enter(node) {
      if (VALUE_KINDS.has(node.kind) && stack.length > 0) paths.set(node, stack.join('.'));
    },
  });
  return paths;
}

/**
 * Marks the validation errors that are about a literal value not fitting its type (the errors of
 * the ValuesOfCorrectType rule), so formatError answers them BAD_USER_INPUT, as Apollo does for
 * the same value in a variable.
 */
export function literalInputPlugin(): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async validationDidStart({ schema, document }) {
          return async (errors) => {
            if (!errors?.length) return;
            const valueErrors = new Set(validate(schema, document, [ValuesOfCorrectTypeRule]).map((e) => e.message));
            const paths = literalPaths(document);
            for (const error of errors) {
              if (!(error instanceof GraphQLError) || !valueErrors.has(error.message)) continue;
              const path = error.nodes?.map((n) => paths.get(n)).find((p) => p !== undefined);
              (error.extensions as Record<string, unknown>)[LITERAL_FIELD] = path ?? 'argument';
            }
          };
        },
        // A variable whose value does not fit its type (found while coercing variables) names the
        // argument it is given for, with the path inside it, rather than the type or the variable.
        async didEncounterErrors({ document, errors }) {
          if (!document) return;
          const argumentOf = variableArguments(document);
          for (const error of errors) {
            const match = /^Variable "\$(\w+)" got invalid value .*?(?: at "([^"]+)")?;/s.exec(error.message);
            if (!match || error.extensions?.code !== 'BAD_USER_INPUT') continue;
            const [, variable, at] = match;
            const argument = argumentOf.get(variable) ?? variable;
            const inner = at && at.startsWith(variable) ? at.slice(variable.length) : '';
            const field = `${argument}${inner}`;
            const extensions = error.extensions as Record<string, unknown>;
            extensions.field = field;
            const problems = extensions.problems as Array<{ field: string; message: string }> | undefined;
            extensions.problems = problems ? problems.map((p) => ({ ...p, field })) : [{ field, message: error.message }];
          }
        },
      };
    },
  };
}

/** The request id the gateway forwards (x-request-id), for logs. */
export function requestIdOf(headers: { get(name: string): string | undefined } | undefined): string {
  return headers?.get('x-request-id') ?? '-';
}

/**
 * Logs every fault of a request with its request id, so an INTERNAL_SERVER_ERROR a caller quotes
 * can be found in the logs of every process it went through.
 */
export function faultLogPlugin(service: string): ApolloServerPlugin<BaseContext> {
  return {
    async contextCreationDidFail({ error }) {
      if (!(error instanceof GraphQLError) || isFault(error.extensions?.code)) logger(service).error({ err: error }, 'unexpected error building a request context');
    },
    async requestDidStart({ request, contextValue }) {
      // The gateway names the request in its context (it makes up an id when the caller gave none).
      const requestId = (contextValue as { requestId?: string } | undefined)?.requestId ?? requestIdOf(request.http?.headers);
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            if (!isFault(error.extensions?.code)) continue;
            logger(service).error({ requestId, err: error.originalError ?? error, path: error.path }, 'unexpected error');
          }
        },
      };
    },
  };
}

/**
 * Default query limits (see limits.ts). Subgraphs sit behind the gateway and allow twice the
 * gateway's limits, as defence in depth: they price the entities the gateway really asks for.
 */
export const LIMITS = QUERY_LIMITS;

export async function startSubgraph<TLoaders>(
  module: SubgraphModule<TLoaders>,
  options: {
    db: DataSource;
    port: number;
    jwtSecret: string;
    host?: string;
    peers?: Record<string, string>;
    clock?: Clock;
    /** Longest wait for another subgraph (SUBGRAPH_TIMEOUT_MS). */
    peerTimeoutMs?: number;
    /** Production mode (no introspection, no field suggestions, no development secret); defaults from NODE_ENV. */
    production?: boolean;
    /** Longest token lifetime accepted; HUB_JWT_MAX_LIFETIME_SECONDS by default. */
    maxTokenLifetimeSeconds?: number;
    /** A read replica of `db` for queries (see read-routing.ts for the rules). */
    readDb?: DataSource;
    /** How long after a write its party's reads stay on the primary (READ_REPLICA_MAX_LAG_MS). */
    readReplicaMaxLagMs?: number;
  },
): Promise<RunningServer> {
  const production = options.production ?? isProduction();
  checkJwtSecret(options.jwtSecret, production);
  const maxLifetimeSeconds = options.maxTokenLifetimeSeconds ?? jwtMaxLifetimeSeconds();
  const clock = options.clock ?? systemClock;
  const schema = await buildFederatedSchema(module);
  const apollo = new ApolloServer<SubgraphContext<TLoaders>>({
    schema,
    introspection: !production,
    hideSchemaDetailsFromClientErrors: production,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    formatError,
    // Defence in depth: subgraphs sit behind the gateway, but refuse abuse on their own too.
    parseOptions: { maxTokens: LIMITS.maxTokens * 2 },
    plugins: [
      // Traces would go to Apollo's hosted service, which this hub does not use.
      ApolloServerPluginInlineTraceDisabled(),
      faultLogPlugin(module.name),
      metricsPlugin(module.name),
      primaryForMutationsPlugin(),
      literalInputPlugin(),
      queryLimitsPlugin({ maxCost: LIMITS.maxCost * 2, maxAliases: LIMITS.maxAliases * 2 }),
    ],
    validationRules: [depthLimit(LIMITS.maxDepth + 2)],
  });
  await apollo.start();
  // Ready once the database answers and holds every migration of this code (checked until it does).
  let schemaCurrent = false;
  return serveHttp({
    apollo,
    port: options.port,
    host: options.host,
    service: module.name,
    context: async (req) => {
      const now = clock();
      const viewer = viewerFromAuthorization(req.headers.authorization, options.jwtSecret, { now, maxLifetimeSeconds });
      const authorization = req.headers.authorization ?? '';
      const peers = options.peers ?? {};
      // Reads go to the replica unless this party wrote recently; a mutation moves to the primary.
      let lastWrite = wroteRecently(req.headers[LAST_WRITE_HEADER], now, options.readReplicaMaxLagMs ?? DEFAULT_READ_REPLICA_MAX_LAG_MS)
        ? String(req.headers[LAST_WRITE_HEADER])
        : undefined;
      const request: RequestInfo = {
        authorization,
        peers,
        now,
        peer(name) {
          const url = peers[name];
          if (!url) throw new Error(`the ${module.name} subgraph needs the ${name} subgraph URL (${name.toUpperCase()}_URL)`);
          const requestId = req.headers['x-request-id'];
          return {
            name,
            url,
            authorization,
            timeoutMs: options.peerTimeoutMs ?? DEFAULT_PEER_TIMEOUT_MS,
            caller: module.name,
            headers: {
              ...(typeof requestId === 'string' ? { 'x-request-id': requestId } : {}),
              ...(lastWrite ? { [LAST_WRITE_HEADER]: lastWrite } : {}),
            },
          };
        },
      };
      const db = options.readDb && !lastWrite ? options.readDb : options.db;
      const context: SubgraphContext<TLoaders> = { viewer, db, now, loaders: module.createLoaders(db, viewer, request) };
      routeContext(context, {
        toPrimary(target) {
          lastWrite = String(now.getTime());
          if (target.db === options.db) return;
          target.db = options.db;
          target.loaders = module.createLoaders(options.db, viewer, request);
        },
      });
      return context;
    },
    health: async () => {
      await options.db.query('SELECT 1');
      if (!schemaCurrent) {
        const missing = await missingMigrations(options.db);
        if (missing.length > 0) throw new Error(`the database lacks the migration(s) ${missing.join(', ')}`);
        schemaCurrent = true;
      }
    },
  });
}
