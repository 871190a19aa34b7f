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
