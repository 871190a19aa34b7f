import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'typeorm';
import { SUBGRAPH_MODULES } from '../services/registry';
import { DEFAULT_PORTS, deriveDatabaseUrl, SubgraphName, SUBGRAPHS } from '../services/platform/config';
import { runSubgraph, StartedSubgraph } from '../services/platform/run';
import { RunningServer } from '../services/platform/http';
import { GatewayOptions, startGateway } from './gateway';
import type { Clock } from '../services/platform/clock';


function supergraphPath(): string {
  // Compiled code runs from dist/gateway, tests from gateway/: the schema folder sits at the repo root.
  const candidates = [join(__dirname, '..', 'schema', 'supergraph.graphql'), join(__dirname, '..', '..', 'schema', 'supergraph.graphql')];
  for (const file of candidates) {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      /* try the next */
    }
  }
  throw new Error(`schema/supergraph.graphql not found; run npm run schema`);
}

export interface LocalHubOptions {
  /** Base database URL (see DATABASE_URL); each subgraph derives its own database from it. */
  databaseUrl: string;
  jwtSecret: string;
  seed?: boolean;
  /** 0 for any free port (tests); default ports otherwise. */
  ephemeralPorts?: boolean;
  loggers?: Partial<Record<SubgraphName, Logger>>;
  /** Where every process of the hub reads "now"; the system clock by default. */
  clock?: Clock;
  /** Gateway limits and timeouts other than the defaults (tests). */
  gateway?: Pick<GatewayOptions, 'maxCost' | 'maxAliases' | 'maxDepth' | 'maxTokens' | 'subgraphTimeoutMs' | 'requestTimeoutMs' | 'maxTokenLifetimeSeconds'>;
  /** Longest wait of a subgraph for another; SUBGRAPH_TIMEOUT_MS by default. */
  peerTimeoutMs?: number;
}

export interface LocalHub {
  url: string;
  subgraphs: Record<SubgraphName, StartedSubgraph>;
  gateway: RunningServer;
  stop(): Promise<void>;
}

/** The whole hub in one process: every subgraph on its own port and database, the gateway in front. */
export async function startLocalHub(options: LocalHubOptions): Promise<LocalHub> {
  const started: StartedSubgraph[] = [];
  try {
    for (const name of SUBGRAPHS) {
      started.push(
        await runSubgraph(SUBGRAPH_MODULES[name], {
          databaseUrl: deriveDatabaseUrl(options.databaseUrl, name),
          port: options.ephemeralPorts ? 0 : DEFAULT_PORTS[name],
          seed: options.seed,
          jwtSecret: options.jwtSecret,
          logger: options.loggers?.[name],
          clock: options.clock,
          peerTimeoutMs: options.peerTimeoutMs,
          // Subgraphs start in dependency order (contracts first), so the peers a subgraph asks are up.
          peers: Object.fromEntries(started.map((s) => [s.name, s.server.url])),
        }),
      );
    }
    const gateway = await startGateway({
      supergraphSdl: supergraphPath(),
      subgraphUrls: Object.fromEntries(started.map((s) => [s.name, s.server.url])),
      jwtSecret: options.jwtSecret,
      port: options.ephemeralPorts ? 0 : DEFAULT_PORTS.gateway,
      clock: options.clock,
      ...options.gateway,
    });
    return {
      url: gateway.url,
      gateway,
      subgraphs: Object.fromEntries(started.map((s) => [s.name, s])) as Record<SubgraphName, StartedSubgraph>,
      async stop() {
        await gateway.stop();
        for (const s of started) await s.stop();
      },
    };
  } catch (error) {
    for (const s of started) await s.stop();
    throw error;
  }
}
