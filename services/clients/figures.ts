import DataLoader from 'dataloader';
import { fromPeerError, Peer, PeerError, postGraphQL } from './graphql-http';
import { WINDOW_FIGURE_FIELDS, WindowFigure } from './window-figures';

/**
 * The client performance uses to ask the subgraph that owns a metric's data (feedback for
 * surveys and complaints, quality for evaluations) for its figure in each measurement window,
 * through `Contract.windowFigures`, with the caller's own token: the owner applies its own
 * tenancy and computes the figure from its own tables. One HTTP request per batch of keys (one
 * aliased `_entities` selection per key, since each key has its own arguments), cut so no
 * request grows past a few megabytes; the peer's timeout applies to each.
 */
export interface FiguresRequest {
  contractId: string;
  metric: string;
  variant: string | null;
  /** Null: all the contract's queues together. */
  queueId: string | null;
  /** Ascending, not overlapping: the measurement windows of a target. */
  windows: Array<{ from: string; to: string }>;
}

/** Keys and windows one request carries at most (a window is about 60 bytes of JSON). */
const KEYS_PER_REQUEST = 50;
const WINDOWS_PER_REQUEST = 50_000;

function keyOf(k: FiguresRequest): string {
  return JSON.stringify([k.contractId, k.metric, k.variant, k.queueId, k.windows]);
}

type Answer = Record<string, Array<{ windowFigures?: WindowFigure[] } | null> | null>;

/** One request for several keys: the figures of each key, or the error of its alias. */
async function fetchFigures(peer: Peer, keys: readonly FiguresRequest[]): Promise<Array<WindowFigure[] | Error>> {
  const variables: Record<string, unknown> = {};
  const declarations: string[] = [];
  const selections = keys.map((k, i) => {
    declarations.push(`$r${i}: [_Any!]!, $m${i}: String!, $v${i}: String, $q${i}: ID, $w${i}: [FigureWindowInput!]!`);
    Object.assign(variables, {
      [`r${i}`]: [{ __typename: 'Contract', id: k.contractId }],
      [`m${i}`]: k.metric,
      [`v${i}`]: k.variant,
      [`q${i}`]: k.queueId,
      [`w${i}`]: k.windows,
    });
    return `k${i}: _entities(representations: $r${i}) { ... on Contract { windowFigures(metric: $m${i}, variant: $v${i}, queueId: $q${i}, windows: $w${i}) { ${WINDOW_FIGURE_FIELDS} } } }`;
  });
  const body = await postGraphQL<Answer>(peer, `query(${declarations.join(', ')}) { ${selections.join(' ')} }`, variables);
  const perKey = new Map<number, PeerError>();
  for (const error of body.errors ?? []) {
    const alias = error.path?.[0];
    const index = typeof alias === 'string' && /^k\d+$/.test(alias) ? Number(alias.slice(1)) : undefined;
    if (index === undefined) throw fromPeerError(peer, error);
    if (!perKey.has(index)) perKey.set(index, error);
  }
  return keys.map((k, i) => {
    const error = perKey.get(i);
    if (error) return fromPeerError(peer, error);
    const figures = body.data?.[`k${i}`]?.[0]?.windowFigures;
    if (!figures || figures.length !== k.windows.length) {
      return new Error(`the ${peer.name} subgraph answered ${figures?.length ?? 'no'} figures for ${k.windows.length} windows of contract ${k.contractId}`);
    }
    return figures;
  });
}

export function createFiguresClient(peer: Peer) {
  return new DataLoader<FiguresRequest, WindowFigure[], string>(
    async (keys) => {
      const requests: FiguresRequest[][] = [];
      let current: FiguresRequest[] = [];
      let windows = 0;
      for (const k of keys) {
        if (current.length > 0 && (current.length >= KEYS_PER_REQUEST || windows + k.windows.length > WINDOWS_PER_REQUEST)) {
          requests.push(current);
          current = [];
          windows = 0;
        }
        current.push(k);
        windows += k.windows.length;
      }
      if (current.length > 0) requests.push(current);
      const answers = await Promise.all(
        requests.map(async (batch) => {
          try {
            return await fetchFigures(peer, batch);
          } catch (error) {
            return batch.map(() => error as Error);
          }
        }),
      );
      return answers.flat();
    },
    { cacheKeyFn: keyOf },
  );
}

export type FiguresClient = ReturnType<typeof createFiguresClient>;
