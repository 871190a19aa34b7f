/** The console talks to the gateway's GraphQL endpoint like any client, with the signed-in token. */
export interface GraphQLErrorShape {
  message: string;
  extensions?: { code?: string; field?: string };
}

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

const TOKEN_KEY = 'cc-hub-token';

/** The token lives for the browser tab only (sessionStorage): closing the tab signs out. */
export const session = {
  token(): string | null {
    return sessionStorage.getItem(TOKEN_KEY);
  },
  signIn(token: string): void {
    sessionStorage.setItem(TOKEN_KEY, token);
  },
  signOut(): void {
    sessionStorage.removeItem(TOKEN_KEY);
  },
};

export async function gql<T>(query: string, variables: Record<string, unknown> = {}, token = session.token()): Promise<T> {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new ApiError('NETWORK', 'the hub cannot be reached; check the connection and try again');
  }
  let body: { data?: T; errors?: GraphQLErrorShape[] };
  try {
    body = await response.json();
  } catch {
    throw new ApiError('HTTP', `the hub answered HTTP ${response.status}`);
  }
  const first = body.errors?.[0];
  if (first) throw new ApiError(first.extensions?.code ?? 'ERROR', first.message, first.extensions?.field);
  if (!body.data) throw new ApiError('HTTP', `the hub answered HTTP ${response.status} without data`);
  return body.data;
}

/** What the gateway tells the console about itself: its clock and whether demo sign-in exists. */
export interface ConsoleConfig {
  now: string;
  demoSignIn: boolean;
}

let config: ConsoleConfig | null = null;
let loadedAt = 0;

export async function loadConfig(): Promise<ConsoleConfig> {
  if (!config) {
    const response = await fetch('/console/config.json');
    config = (await response.json()) as ConsoleConfig;
    loadedAt = performance.now();
  }
  return config;
}

/** The hub's "now" when the console loaded: ranges ("this month", "last week") start from it. */
export function hubNow(): Date {
  return new Date(config?.now ?? Date.now());
}

/** The hub's "now" moved on by the time the page has been open: what live clocks count down to. */
export function liveNow(): Date {
  return new Date(hubNow().getTime() + (performance.now() - loadedAt));
}
