import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'typeorm';
import { SUBGRAPH_MODULES } from '../services/registry';
import { DEFAULT_PORTS, deriveDatabaseUrl, gatewayPort, subgraphPort, subgraphUrl, SubgraphName, SUBGRAPHS } from '../services/platform/config';
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

/** Where the one-process runner serves each part of the hub. */
export interface HubAddresses {
  /** 0 for any free port. */
  gatewayPort: number;
  /** Per subgraph: the port to start it on in this process, or the URL of one running elsewhere. */
  subgraphs: Record<SubgraphName, { port: number } | { url: string }>;
}

/**
 * The addresses `npm start` serves on, from the variables the README lists: GATEWAY_PORT and
 * <NAME>_PORT choose ports (defaults 4000-4004); a subgraph with <NAME>_URL runs elsewhere, so it
 * is not started here and the gateway and the subgraphs that ask it use that URL. PORT names the
 * port of a service run on its own; five servers in one process cannot share one, so it is not
 * read here. Empty values count as unset. Throws, naming the variable, for a port that is not a
 * whole number from 0 to 65535 (0: any free port), a URL that is not http(s), or two servers
 * asked to listen on the same port.
 */
export function localHubAddresses(env: NodeJS.ProcessEnv): HubAddresses {
  const own: NodeJS.ProcessEnv = { ...env, PORT: undefined };
  const ports: Array<{ variable: string; port: number }> = [];
  const checkedPort = (variable: string, port: number): number => {
    const raw = env[variable];
    if ((raw && !/^\d+$/.test(raw)) || !Number.isInteger(port) || port < 0 || port > 65_535) {
      throw new Error(`${variable} must be a port number from 0 to 65535 (got "${raw}")`);
    }
    const taken = ports.find((p) => p.port === port && port !== 0);
    if (taken) throw new Error(`${taken.variable} and ${variable} both ask for port ${port}`);
    ports.push({ variable, port });
    return port;
  };
  const addresses: HubAddresses = { gatewayPort: checkedPort('GATEWAY_PORT', gatewayPort(own)), subgraphs: {} as HubAddresses['subgraphs'] };
  for (const name of SUBGRAPHS) {
    const prefix = name.toUpperCase();
    if (env[`${prefix}_URL`]) {
      const url = subgraphUrl(name, own);
      if (!/^https?:\/\/[^/]/.test(url) || !URL.canParse(url)) throw new Error(`${prefix}_URL must be an http:// or https:// URL (got "${url}")`);
      addresses.subgraphs[name] = { url };
    } else {
      addresses.subgraphs[name] = { port: checkedPort(`${prefix}_PORT`, subgraphPort(name, own)) };
    }
  }
  return addresses;
}

function defaultAddresses(ephemeralPorts: boolean | undefined): HubAddresses {
  const port = (name: SubgraphName | 'gateway') => (ephemeralPorts ? 0 : DEFAULT_PORTS[name]);
  return {
    gatewayPort: port('gateway'),
    subgraphs: Object.fromEntries(SUBGRAPHS.map((name) => [name, { port: port(name) }])) as HubAddresses['subgraphs'],
  };
}

export interface LocalHubOptions {
  /** Base database URL (see DATABASE_URL); each subgraph derives its own database from it. */
  databaseUrl: string;
  jwtSecret: string;
  seed?: boolean;
  /** 0 for any free port (tests); default ports otherwise. */
  ephemeralPorts?: boolean;
  /** Ports and subgraphs elsewhere (see localHubAddresses); instead of ephemeralPorts or the default ports. */
  addresses?: HubAddresses;
  loggers?: Partial<Record<SubgraphName, Logger>>;
  /** Where every process of the hub reads "now"; the system clock by default. */
  clock?: Clock;
  /** Gateway limits and timeouts other than the defaults (tests). */
  gateway?: Pick<GatewayOptions, 'maxCost' | 'maxAliases' | 'maxDepth' | 'maxTokens' | 'subgraphTimeoutMs' | 'requestTimeoutMs' | 'maxTokenLifetimeSeconds' | 'console'>;
  /** Longest wait of a subgraph for another; SUBGRAPH_TIMEOUT_MS by default. */
  peerTimeoutMs?: number;
}

export interface LocalHub {
  url: string;
  /** The subgraphs this process runs. */
  subgraphs: Record<SubgraphName, StartedSubgraph>;
  /** Where the gateway reaches each subgraph. */
  subgraphUrls: Record<SubgraphName, string>;
  gateway: RunningServer;
  stop(): Promise<void>;
}

/** A hub some of whose subgraphs run elsewhere (addresses with URLs): only the others are started here. */
export interface PartialLocalHub extends Omit<LocalHub, 'subgraphs'> {
  subgraphs: Partial<Record<SubgraphName, StartedSubgraph>>;
}

/**
 * The whole hub in one process: every subgraph on its own port and database, the gateway in
 * front; with `addresses`, the subgraphs given a URL are reached there instead of started.
 */
export function startLocalHub(options: LocalHubOptions & { addresses?: undefined }): Promise<LocalHub>;
export function startLocalHub(options: LocalHubOptions): Promise<PartialLocalHub>;
export async function startLocalHub(options: LocalHubOptions): Promise<PartialLocalHub> {
  const addresses = options.addresses ?? defaultAddresses(options.ephemeralPorts);
  const urls: Partial<Record<SubgraphName, string>> = {};
  for (const name of SUBGRAPHS) {
    const where = addresses.subgraphs[name];
    if ('url' in where) urls[name] = where.url;
  }
  const started: StartedSubgraph[] = [];
  try {
    for (const name of SUBGRAPHS) {
      const where = addresses.subgraphs[name];
      if (!('port' in where)) continue;
      const subgraph = await runSubgraph(SUBGRAPH_MODULES[name], {
        databaseUrl: deriveDatabaseUrl(options.databaseUrl, name),
        port: where.port,
        seed: options.seed,
        jwtSecret: options.jwtSecret,
        logger: options.loggers?.[name],
        clock: options.clock,
        peerTimeoutMs: options.peerTimeoutMs,
        // One process on its own databases: nothing else can be migrating them.
        migrate: true,
        // Subgraphs start in dependency order (contracts first), so the peers a subgraph asks are up.
        peers: { ...urls },
      });
      started.push(subgraph);
      urls[name] = subgraph.server.url;
    }
    const subgraphUrls = urls as Record<SubgraphName, string>;
    const gateway = await startGateway({
      supergraphSdl: supergraphPath(),
      subgraphUrls,
      jwtSecret: options.jwtSecret,
      port: addresses.gatewayPort,
      clock: options.clock,
      ...options.gateway,
    });
    return {
      url: gateway.url,
      gateway,
      subgraphs: Object.fromEntries(started.map((s) => [s.name, s])),
      subgraphUrls,
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
