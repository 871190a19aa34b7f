import { DataSource } from 'typeorm';
import { jwtSecret, SUBGRAPHS, subgraphDatabaseUrl, subgraphPort, subgraphTimeoutMs, subgraphUrl } from './config';
import { openDatabase } from './database';
import { RunningServer } from './http';
import { SeedPeers, startSubgraph, SubgraphModule } from './subgraph';
import { signToken } from './auth';
import { Clock, systemClock } from './clock';

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

/** Opens and migrates a subgraph's database, seeds demo data when asked, and serves it. */
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
  } = {},
): Promise<StartedSubgraph> {
  const db = await openDatabase({
    url: options.databaseUrl ?? subgraphDatabaseUrl(module.name),
    entities: module.entities,
    migrations: module.migrations,
    logger: options.logger,
  });
  try {
    const peers = options.peers ?? Object.fromEntries(SUBGRAPHS.map((name) => [name, subgraphUrl(name)]));
    const secret = options.jwtSecret ?? jwtSecret();
    if (options.seed && module.seed) {
      const now = (options.clock ?? systemClock)();
      await module.seed(db, now, seedPeers(peers, secret, now, options.peerTimeoutMs ?? subgraphTimeoutMs()));
    }
    const server = await startSubgraph(module, {
      db,
      port: options.port ?? subgraphPort(module.name),
      jwtSecret: secret,
      peers,
      clock: options.clock,
      peerTimeoutMs: options.peerTimeoutMs ?? subgraphTimeoutMs(),
    });
    return {
      name: module.name,
      db,
      server,
      async stop() {
        await server.stop();
        await db.destroy();
      },
    };
  } catch (error) {
    await db.destroy();
    throw error;
  }
}

/** Entry point of one subgraph container: stops cleanly on SIGTERM/SIGINT. */
export function mainFor(module: SubgraphModule<any>): void {
  runSubgraph(module, { seed: process.env.SEED_DEMO_DATA === 'true' })
    .then((started) => {
      console.log(`${module.name} subgraph ready at ${started.server.url}`);
      const stop = () => started.stop().then(() => process.exit(0));
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
    })
    .catch((error) => {
      console.error(`${module.name} subgraph failed to start:`, error);
      process.exit(1);
    });
}
