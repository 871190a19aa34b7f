import { DataSource } from 'typeorm';
import { intFromEnv, jwtSecret, migrateOnStart, SUBGRAPHS, subgraphDatabaseUrl, subgraphPort, subgraphReadDatabaseUrl, subgraphTimeoutMs, subgraphUrl } from './config';
import { DEFAULT_READ_REPLICA_MAX_LAG_MS } from './read-routing';
import { openDatabase } from './database';
import { RunningServer } from './http';
import { SeedPeers, startSubgraph, SubgraphModule } from './subgraph';
import { signToken } from './auth';
import { Clock, systemClock } from './clock';
import { requireCurrentSchema } from './migrate';
import { logger } from './log';
import { collectProcessMetrics, forgetDatabasePool, observeDatabasePool } from './metrics';
import { traceDataSource } from './tracing';

export interface StartedSubgraph {
  name: string;
  db: DataSource;
  server: RunningServer;
  stop(): Promise<void>;
}

/** A demo seed may compute a lot at once (months of statements): it waits longer than a request. */
const SEED_PEER_TIMEOUT_MS = 60_000;

/**
 * The peers a demo seed asks, each call with a short-lived token of the organisation it acts
 * for, issued at the seed's `now` (the instant the peers verify tokens at, on a test's clock too).
 */
function seedPeers(peers: Record<string, string>, secret: string, now: Date, timeoutMs: number): SeedPeers {
  return {
    peer(name, as) {
      const url = peers[name];
      if (!url) throw new Error(`the demo seed needs the ${name} subgraph URL (${name.toUpperCase()}_URL)`);
      const token = signToken({ sub: 'demo-seed', org: as.organisationId, roles: as.roles }, secret, 600, { now });
      return { name, url, authorization: `Bearer ${token}`, timeoutMs: Math.max(timeoutMs, SEED_PEER_TIMEOUT_MS) };
    },
  };
}

/**
 * Opens a subgraph's database, migrates it when asked (or checks that it holds every migration
 * of this code, refusing to start otherwise), seeds demo data when asked, and serves it.
 */
export async function runSubgraph(
  module: SubgraphModule<any>,
  options: {
    databaseUrl?: string;
    port?: number;
    seed?: boolean;
    jwtSecret?: string;
    logger?: import('typeorm').Logger;
    /** URLs of the other subgraphs; from <NAME>_URL by default. */
    peers?: Record<string, string>;
    /** Where "now" comes from; the system clock by default. */
    clock?: Clock;
    /** Longest wait for another subgraph; SUBGRAPH_TIMEOUT_MS by default. */
    peerTimeoutMs?: number;
    /**
     * Apply pending migrations before serving (under the migration lock). MIGRATE_ON_START by
     * default, which is off: deployments migrate as a step of their own (`npm run migrate`).
     * `npm start` and the tests pass true.
     */
    migrate?: boolean;
    /** A read replica's URL; <NAME>_READ_DATABASE_URL by default (none when unset). */
    readDatabaseUrl?: string | null;
  } = {},
): Promise<StartedSubgraph> {
  const migrate = options.migrate ?? migrateOnStart();
  const db = await openDatabase({
    url: options.databaseUrl ?? subgraphDatabaseUrl(module.name),
    entities: module.entities,
    migrations: module.migrations,
    logger: options.logger,
    migrate,
  });
  let readDb: DataSource | undefined;
  try {
    if (!migrate) await requireCurrentSchema(db, module.name);
    const readUrl = options.readDatabaseUrl === undefined ? subgraphReadDatabaseUrl(module.name) : options.readDatabaseUrl;
    if (readUrl) {
      // The replica follows the primary's schema; it is never migrated or written here.
      readDb = await openDatabase({ url: readUrl, entities: module.entities, migrations: module.migrations, migrate: false, logger: options.logger });
      traceDataSource(readDb, module.name);
      observeDatabasePool(`${module.name}-replica`, readDb);
    }
    traceDataSource(db, module.name);
    observeDatabasePool(module.name, db);
    const peers = options.peers ?? Object.fromEntries(SUBGRAPHS.map((name) => [name, subgraphUrl(name)]));
    const secret = options.jwtSecret ?? jwtSecret();
    if (options.seed && module.seed) {
      const now = (options.clock ?? systemClock)();
      await module.seed(db, now, seedPeers(peers, secret, now, options.peerTimeoutMs ?? subgraphTimeoutMs()));
    }
    const stopWork = module.start ? await module.start(db, options.clock ?? systemClock) : null;
    const server = await startSubgraph(module, {
      db,
      port: options.port ?? subgraphPort(module.name),
      jwtSecret: secret,
      peers,
      clock: options.clock,
      peerTimeoutMs: options.peerTimeoutMs ?? subgraphTimeoutMs(),
      readDb,
      readReplicaMaxLagMs: intFromEnv('READ_REPLICA_MAX_LAG_MS', DEFAULT_READ_REPLICA_MAX_LAG_MS),
    });
    return {
      name: module.name,
      db,
      server,
      async stop() {
        // Requests in flight finish first; then the connections close.
        await server.stop();
        await stopWork?.();
        forgetDatabasePool(module.name, db);
        await db.destroy();
        if (readDb) {
          forgetDatabasePool(`${module.name}-replica`, readDb);
          await readDb.destroy();
        }
      },
    };
  } catch (error) {
    forgetDatabasePool(module.name, db);
    await db.destroy();
    if (readDb) await readDb.destroy();
    throw error;
  }
}

/**
 * Stops a process cleanly on SIGTERM/SIGINT: `stop` lets the requests in flight finish and
 * closes the connections; a second signal, or a stop that fails, ends the process at once.
 */
export function stopOnSignals(service: string, stop: () => Promise<void>): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    logger(service).info({ signal }, 'stopping: finishing the requests in flight');
    stop().then(
      () => process.exit(0),
      (error) => {
        logger(service).error({ err: error }, 'failed to stop cleanly');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

/** Entry point of one subgraph container. */
export function mainFor(module: SubgraphModule<any>): void {
  // Tracing first, so the database driver it instruments is wrapped when it loads.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const stopTracing = (require('./tracing-setup') as typeof import('./tracing-setup')).startTracing(module.name);
  collectProcessMetrics();
  runSubgraph(module, { seed: process.env.SEED_DEMO_DATA === 'true' })
    .then((started) => {
      logger(module.name).info({ url: started.server.url }, `${module.name} subgraph ready`);
      stopOnSignals(module.name, async () => {
        await started.stop();
        await stopTracing();
      });
    })
    .catch((error) => {
      logger(module.name).fatal({ err: error }, `${module.name} subgraph failed to start: ${(error as Error).message}`);
      process.exit(1);
    });
}
