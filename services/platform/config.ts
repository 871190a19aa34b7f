import { DEFAULT_PEER_TIMEOUT_MS } from '../clients/graphql-http';
import { DEFAULT_MAX_TOKEN_LIFETIME_SECONDS } from './auth';

/**
 * Environment configuration shared by the gateway and the subgraphs. Every variable is listed
 * in the README; nothing else reads process.env directly.
 */

/** In start order: a subgraph comes after the subgraphs it asks (see SUBGRAPH_PEERS). */
export const SUBGRAPHS = ['contracts', 'feedback', 'quality', 'performance', 'forecasts', 'billing', 'exchange'] as const;

/**
 * Every environment variable the hub reads, with what it does. The README lists the same and a
 * test checks docker-compose.yml against this list. `<NAME>` stands for a subgraph in capitals.
 */
export const ENVIRONMENT_VARIABLES: Record<string, string> = {
  NODE_ENV: 'production turns off introspection, field suggestions and the development JWT secret',
  HUB_JWT_SECRET: 'HS256 secret for tokens (at least 32 characters; required in production, where the development secret is refused)',
  HUB_JWT_MAX_LIFETIME_SECONDS: 'longest token lifetime (exp − iat) accepted, in seconds (default 86400: 24 h)',
  DATABASE_URL: 'base database URL: sqlite:<dir> (default sqlite:data), sqlite::memory:, or mysql://user:pass@host:port/prefix',
  '<NAME>_DATABASE_URL': "one subgraph's own database URL, used as is",
  '<NAME>_PORT': "one subgraph's HTTP port",
  PORT: 'HTTP port when the service-specific variable is not set',
  '<NAME>_URL': "the URL of a subgraph, for the gateway and for subgraphs that ask another (feedback and quality ask contracts; performance asks contracts, feedback and quality; forecasts asks contracts and performance; billing asks contracts, performance and forecasts; exchange asks contracts, performance, forecasts, feedback and quality)",
  GATEWAY_PORT: "the gateway's HTTP port (default 4000)",
  GATEWAY_MAX_DEPTH: 'maximum query depth at the gateway (default 12)',
  GATEWAY_MAX_COST: 'maximum query cost (objects an answer can hold) at the gateway (default 200000; subgraphs allow twice as much)',
  GATEWAY_MAX_ALIASES: 'maximum aliased fields in one operation at the gateway (default 50)',
  GATEWAY_MAX_TOKENS: 'maximum lexical tokens in one GraphQL document at the gateway (default 20000)',
  GATEWAY_MAX_INFLIGHT_PER_ORG: 'requests one organisation may have running at once at the gateway (default 4)',
  GATEWAY_MAX_QUEUED_PER_ORG: 'requests one organisation may have waiting for a slot at the gateway before RATE_LIMITED (default 16)',
  GATEWAY_REQUEST_TIMEOUT_MS: "longest time the gateway spends on one request; subgraph calls still running are abandoned with REQUEST_TIMEOUT (default 30000)",
  SUBGRAPH_TIMEOUT_MS: 'longest wait for one call to a subgraph, from the gateway or from another subgraph, before UPSTREAM_TIMEOUT (default 10000)',
  SEED_DEMO_DATA: 'true: a subgraph started on its own seeds demo data into an empty database',
  SUPERGRAPH_PATH: 'the supergraph file the gateway serves (default schema/supergraph.graphql)',
  HUB_LOG_SQL_ERRORS: 'set to log failing SQL statements to stderr',
  MIGRATE_ON_START: 'true: a subgraph applies pending migrations when it starts (off by default: run `npm run migrate`, the migrate service of docker-compose.yml, first; a subgraph refuses to start on a schema older than its code); npm start and the tests migrate on start',
  MIGRATION_LOCK_WAIT_SECONDS: 'longest wait of `npm run migrate` for another run holding the migration lock of a database (default 300)',
  SHUTDOWN_GRACE_MS: 'on SIGTERM, longest wait for requests in flight before their connections are cut (default 10000)',
  LOG_LEVEL: 'level of the JSON logs on standard output: fatal, error, warn, info (default), debug, trace or silent',
  OTEL_EXPORTER_OTLP_ENDPOINT: 'base URL of an OpenTelemetry collector (OTLP over HTTP, e.g. http://otel-collector:4318): traces are sent there when set',
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'full URL for traces only (e.g. http://otel-collector:4318/v1/traces), instead of OTEL_EXPORTER_OTLP_ENDPOINT',
  OTEL_TRACES_EXPORTER: 'otlp (the default when an endpoint is set), console (print spans, for development) or none',
  OTEL_SERVICE_NAME: 'service name in traces (default cchub-<service>)',
  '<NAME>_READ_DATABASE_URL': "a read replica of one subgraph's MySQL database: its queries read there, except within READ_REPLICA_MAX_LAG_MS of their party's last write (mutations and the calls they make always use the primary)",
  READ_REPLICA_MAX_LAG_MS: 'how long after a write (the x-hub-last-write header the gateway answers mutations with) its party\'s reads stay on the primary; must exceed the replica\'s lag (default 5000)',
};
export type SubgraphName = (typeof SUBGRAPHS)[number];

/** Which subgraphs each subgraph asks directly (with the caller's token). */
export const SUBGRAPH_PEERS: Record<SubgraphName, SubgraphName[]> = {
  contracts: [],
  performance: ['contracts', 'feedback', 'quality'],
  forecasts: ['contracts', 'performance'],
  feedback: ['contracts'],
  quality: ['contracts'],
  billing: ['contracts', 'performance', 'forecasts'],
  exchange: ['contracts', 'feedback', 'quality', 'performance', 'forecasts'],
};

/** Default ports, used by `npm start`, docker-compose and the printed supergraph. */
export const DEFAULT_PORTS: Record<SubgraphName | 'gateway', number> = {
  gateway: 4000,
  contracts: 4001,
  performance: 4002,
  forecasts: 4003,
  feedback: 4004,
  quality: 4005,
  billing: 4006,
  exchange: 4007,
};

export function isProduction(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NODE_ENV === 'production';
}

/**
 * Only for development and tests. Production refuses to start with it, however it is given
 * (unset HUB_JWT_SECRET, HUB_JWT_SECRET set to this value, or passed in code), so this value can
 * never sign a token a production service accepts.
 */
export const DEVELOPMENT_JWT_SECRET = 'development-only-secret-not-for-production';

/** Throws when a production process is about to verify tokens with an unusable secret. */
export function checkJwtSecret(secret: string, production: boolean): void {
  if (!production) return;
  if (secret === DEVELOPMENT_JWT_SECRET) {
    throw new Error('the development JWT secret is refused when NODE_ENV=production; set HUB_JWT_SECRET to a secret of your own');
  }
  if (secret.length < 32) throw new Error('HUB_JWT_SECRET must be at least 32 characters in production');
}

export function jwtSecret(env: NodeJS.ProcessEnv = process.env): string {
  const secret = env.HUB_JWT_SECRET;
  if (secret) {
    checkJwtSecret(secret, isProduction(env));
    return secret;
  }
  if (isProduction(env)) {
    throw new Error('HUB_JWT_SECRET is required when NODE_ENV=production; refusing to start with a development secret');
  }
  return DEVELOPMENT_JWT_SECRET;
}

/** Longest token lifetime accepted (HUB_JWT_MAX_LIFETIME_SECONDS). */
export function jwtMaxLifetimeSeconds(env: NodeJS.ProcessEnv = process.env): number {
  return intFromEnv('HUB_JWT_MAX_LIFETIME_SECONDS', DEFAULT_MAX_TOKEN_LIFETIME_SECONDS, env);
}

/** Longest wait for one call to a subgraph (SUBGRAPH_TIMEOUT_MS). */
export function subgraphTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  return intFromEnv('SUBGRAPH_TIMEOUT_MS', DEFAULT_PEER_TIMEOUT_MS, env);
}

/** Requests of one organisation running and waiting at the gateway (GATEWAY_MAX_INFLIGHT_PER_ORG, GATEWAY_MAX_QUEUED_PER_ORG). */
export const DEFAULT_TENANT_LIMITS = { perOrganisation: 4, queuePerOrganisation: 16 };

/** Longest time the gateway spends on one request (GATEWAY_REQUEST_TIMEOUT_MS). */
export const DEFAULT_GATEWAY_REQUEST_TIMEOUT_MS = 30_000;

function envName(subgraph: SubgraphName, suffix: string): string {
  return `${subgraph.toUpperCase()}_${suffix}`;
}

export function subgraphPort(subgraph: SubgraphName, env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[envName(subgraph, 'PORT')] ?? env.PORT;
  return raw ? Number(raw) : DEFAULT_PORTS[subgraph];
}

export function gatewayPort(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.GATEWAY_PORT ?? env.PORT;
  return raw ? Number(raw) : DEFAULT_PORTS.gateway;
}

/** The URL the gateway uses for a subgraph: `<NAME>_URL`, else the default local port. */
export function subgraphUrl(subgraph: SubgraphName, env: NodeJS.ProcessEnv = process.env): string {
  return env[envName(subgraph, 'URL')] ?? `http://localhost:${DEFAULT_PORTS[subgraph]}/graphql`;
}

/**
 * The database URL of one subgraph. `<NAME>_DATABASE_URL` wins; otherwise DATABASE_URL is a
 * base: a `sqlite:` directory gets `<name>.sqlite` in it, a `mysql://…/prefix` URL gets the
 * database `prefix_<name>`; `sqlite::memory:` gives each subgraph its own in-memory database.
 */
export function subgraphDatabaseUrl(subgraph: SubgraphName, env: NodeJS.ProcessEnv = process.env): string {
  const own = env[envName(subgraph, 'DATABASE_URL')];
  if (own) return own;
  return deriveDatabaseUrl(env.DATABASE_URL ?? 'sqlite:data', subgraph);
}

/** A subgraph's read replica (`<NAME>_READ_DATABASE_URL`), or null when it has none. */
export function subgraphReadDatabaseUrl(subgraph: SubgraphName, env: NodeJS.ProcessEnv = process.env): string | null {
  return env[envName(subgraph, 'READ_DATABASE_URL')] || null;
}

export function deriveDatabaseUrl(base: string, subgraph: string): string {
  if (base === 'sqlite::memory:') return base;
  if (base.startsWith('sqlite:')) {
    const raw = base.slice('sqlite:'.length);
    const dir = raw.replace(/\/+$/, '');
    if (dir === '' && raw.startsWith('/')) return `sqlite:/${subgraph}.sqlite`;
    return `sqlite:${dir || '.'}/${subgraph}.sqlite`;
  }
  if (base.startsWith('mysql://') || base.startsWith('mariadb://')) {
    const url = new URL(base);
    const prefix = url.pathname.replace(/^\/+|\/+$/g, '') || 'cchub';
    url.pathname = `/${prefix}_${subgraph}`;
    return url.toString();
  }
  throw new Error(`DATABASE_URL must start with sqlite: or mysql:// (got ${base.split(':')[0]}:…)`);
}

/** MIGRATE_ON_START: whether a subgraph process applies pending migrations itself (off by default). */
export function migrateOnStart(env: NodeJS.ProcessEnv = process.env): boolean {
  const raw = env.MIGRATE_ON_START;
  if (raw === undefined || raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  throw new Error(`MIGRATE_ON_START must be true or false (got "${raw}")`);
}

export function intFromEnv(name: string, fallback: number, env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number (got "${raw}")`);
  return value;
}
