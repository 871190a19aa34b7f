import { ContractHistories, HistoryCache } from './histories';

/** The per-process cache of contract histories: exact at its revision, least recently used dropped first. */
const at = (revision: number): ContractHistories => ({ revision, targets: new Map(), priceTerms: [] });

describe('history cache', () => {
  it('answers an entry only at the revision it was derived at', () => {
    const cache = new HistoryCache(2);
    const entry = at(3);
    cache.set('c-1', entry);
    expect(cache.get('c-1', 3)).toBe(entry);
    expect(cache.get('c-1', 4)).toBeUndefined();
    expect(cache.get('c-2', 3)).toBeUndefined();
    // A newer derivation replaces the older one.
    cache.set('c-1', at(4));
    expect(cache.get('c-1', 3)).toBeUndefined();
    expect(cache.get('c-1', 4)?.revision).toBe(4);
  });

  it('drops the least recently used contract when full; reading one makes it recent', () => {
    const cache = new HistoryCache(2);
    cache.set('a', at(1));
    cache.set('b', at(1));
    expect(cache.get('a', 1)).toBeDefined();
    cache.set('c', at(1));
    expect(cache.get('b', 1)).toBeUndefined();
    expect(cache.get('a', 1)).toBeDefined();
    expect(cache.get('c', 1)).toBeDefined();
    // 'a' is now the older of the two; setting it again makes it recent, so 'c' goes next.
    cache.set('a', at(2));
    cache.set('d', at(1));
    expect(cache.get('c', 1)).toBeUndefined();
    expect(cache.get('a', 2)).toBeDefined();
    expect(cache.get('d', 1)).toBeDefined();
  });
});
