import DataLoader from 'dataloader';

/**
 * DataLoader shapes every subgraph uses, so a list of N parents costs one statement per kind of
 * child, not N. Loaders are created per request (they cache for the request's life only).
 */

/** Rows grouped under the keys asked, in the keys' order; a key without rows gets []. */
export function groupRows<T>(keys: readonly string[], rows: readonly T[], keyOf: (row: T) => string): T[][] {
  const groups = new Map<string, T[]>(keys.map((k) => [k, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((k) => groups.get(k) ?? []);
}

/** One row per id, null where none: `read` fetches all the ids of a batch at once. */
export function loaderById<T>(read: (ids: string[]) => Promise<readonly T[]>, idOf: (row: T) => string, maxBatchSize = 500): DataLoader<string, T | null> {
  return new DataLoader<string, T | null>(
    async (ids) => {
      const byId = new Map((await read([...ids])).map((row) => [idOf(row), row]));
      return ids.map((id) => byId.get(id) ?? null);
    },
    { maxBatchSize },
  );
}

/** The rows of each parent id (`keyOf` names a row's parent), in the order `read` returns them. */
export function loaderGroupedBy<T>(read: (ids: string[]) => Promise<readonly T[]>, keyOf: (row: T) => string, maxBatchSize = 500): DataLoader<string, T[]> {
  return new DataLoader<string, T[]>(async (ids) => groupRows(ids, await read([...ids]), keyOf), { maxBatchSize });
}

/**
 * Keys are an owner (a queue, a contract) with arguments: the keys of a batch are grouped by
 * their arguments, and each group is read with one call for all its owners.
 */
export function loaderByArguments<A, V>(read: (owners: string[], args: A) => Promise<Map<string, V>>, empty: () => V, maxBatchSize = 500) {
  const keyOf = (k: { owner: string; args: A }) => `${JSON.stringify(k.args)}|${k.owner}`;
  return new DataLoader<{ owner: string; args: A }, V, string>(
    async (keys) => {
      const groups = new Map<string, { args: A; owners: Set<string> }>();
      for (const k of keys) {
        const group = JSON.stringify(k.args);
        const entry = groups.get(group) ?? { args: k.args, owners: new Set<string>() };
        entry.owners.add(k.owner);
        groups.set(group, entry);
      }
      const results = new Map<string, V>();
      for (const [group, { args, owners }] of groups) {
        for (const [owner, value] of await read([...owners], args)) results.set(`${group}|${owner}`, value);
      }
      return keys.map((k) => results.get(keyOf(k)) ?? empty());
    },
    { cacheKeyFn: keyOf, maxBatchSize },
  );
}
