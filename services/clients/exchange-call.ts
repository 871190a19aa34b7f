import { fromPeerError, Peer, PeerAnswer, postGraphQL, postGraphQLJson } from './graphql-http';

/**
 * One request to a peer on behalf of the exchange subgraph, with the caller's token: the data, or
 * the peer's first error raised with its own code (NOT_FOUND, FORBIDDEN, BAD_USER_INPUT …), so
 * the owner of the data decides tenancy and validity and the caller sees its answer.
 */
export async function ask<T>(peer: Peer, query: string, variables: Record<string, unknown>): Promise<T> {
  return dataOf(peer, await postGraphQL<T>(peer, query, variables));
}

/** ask with the variables already written as JSON text. */
export async function askJson<T>(peer: Peer, query: string, variablesJson: string): Promise<T> {
  return dataOf(peer, await postGraphQLJson<T>(peer, query, variablesJson));
}

function dataOf<T>(peer: Peer, body: PeerAnswer<T>): T {
  if (body.errors?.length) throw fromPeerError(peer, body.errors[0]);
  if (!body.data) throw new Error(`${peer.name} subgraph answered without data`);
  return body.data;
}

/**
 * Several mutations of one kind in one request (as aliases), each answering on its own: the
 * results by position, an Error where that alias failed.
 */
export async function askEach<T>(peer: Peer, field: string, signature: string, selection: string, calls: Array<Record<string, unknown>>): Promise<Array<T | Error>> {
  if (calls.length === 0) return [];
  const names = Object.keys(calls[0]);
  const declared = calls.flatMap((_, i) => names.map((n) => `$${n}${i}: ${signatureOf(signature, n)}`)).join(', ');
  const aliases = calls.map((_, i) => `a${i}: ${field}(${names.map((n) => `${n}: $${n}${i}`).join(', ')}) { ${selection} }`).join(' ');
  const variables: Record<string, unknown> = {};
  calls.forEach((c, i) => names.forEach((n) => (variables[`${n}${i}`] = c[n])));
  const body = await postGraphQL<Record<string, T | null>>(peer, `mutation(${declared}) { ${aliases} }`, variables);
  const errors = new Map<number, Error>();
  for (const e of body.errors ?? []) {
    const alias = typeof e.path?.[0] === 'string' ? /^a(\d+)$/.exec(e.path[0]) : null;
    if (!alias) throw fromPeerError(peer, e);
    if (!errors.has(Number(alias[1]))) errors.set(Number(alias[1]), fromPeerError(peer, e));
  }
  return calls.map((_, i) => errors.get(i) ?? (body.data?.[`a${i}`] as T) ?? new Error(`${peer.name} answered nothing for call ${i}`));
}

/** `signature` is "name: Type, name: Type"; the type of one argument. */
function signatureOf(signature: string, name: string): string {
  const part = signature.split(',').map((s) => s.trim()).find((s) => s.startsWith(`${name}:`));
  if (!part) throw new Error(`no type for ${name} in ${signature}`);
  return part.slice(name.length + 1).trim();
}
