import { performance } from 'node:perf_hooks';

/** The GraphQL requests the benchmarks send: bodies serialized beforehand, so that sending them is what gets timed. */

interface GraphQLAnswer<T> {
  data?: T;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

/** POSTs a GraphQL request; throws on HTTP or GraphQL errors. Returns the data and the response size. */
export async function post<T>(url: string, token: string, body: string): Promise<{ data: T; bytes: number }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body });
  const text = await response.text();
  let parsed: GraphQLAnswer<T>;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`HTTP ${response.status} from ${url}: ${text.slice(0, 300)}`);
  }
  if (parsed.errors?.length || !parsed.data) {
    throw new Error(`GraphQL error from ${url}: ${JSON.stringify(parsed.errors ?? parsed).slice(0, 500)}`);
  }
  return { data: parsed.data, bytes: Buffer.byteLength(text) };
}

export function gql<T>(url: string, token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  return post<T>(url, token, JSON.stringify({ query, variables })).then((r) => r.data);
}

/**
 * One request timed as a server in use sees it: sent `warmUps` times first (a path run once is
 * not yet compiled by V8's optimising JIT; the first send is retried once, since an idle
 * keep-alive connection may have been closed meanwhile), then `runs` runs, each the median of
 * `perRun` requests timed one after the other (so that one collection or one scheduling stall of
 * a shared machine does not make a run). The first answer, and each run in milliseconds.
 */
export async function timedPosts<T>(url: string, token: string, body: string, runs: number, warmUps = 1, perRun = 1): Promise<{ first: { data: T; bytes: number }; runsMs: number[] }> {
  const first = await post<T>(url, token, body).catch(() => post<T>(url, token, body));
  for (let w = 1; w < warmUps; w++) await post(url, token, body);
  const runsMs: number[] = [];
  for (let r = 0; r < runs; r++) {
    const times: number[] = [];
    for (let k = 0; k < perRun; k++) {
      const t0 = performance.now();
      await post(url, token, body);
      times.push(performance.now() - t0);
    }
    runsMs.push(times.sort((a, b) => a - b)[Math.floor(times.length / 2)]);
  }
  return { first, runsMs };
}
