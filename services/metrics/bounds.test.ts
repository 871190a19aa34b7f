import { BOUNDS, boundProblem, INSTANT_WINDOW, instantProblem, localDateYearProblem, textProblem } from './bounds';

describe('boundProblem', () => {
  it('accepts the ends of a bound and refuses one step past them, stating the bound', () => {
    expect(boundProblem(0, BOUNDS.contactsPerInterval)).toBeNull();
    expect(boundProblem(20_000, BOUNDS.contactsPerInterval)).toBeNull();
    expect(boundProblem(20_001, BOUNDS.contactsPerInterval)).toBe('must be between 0 and 20000 contacts (got 20001)');
    expect(boundProblem(-1, BOUNDS.contactsPerInterval)).toMatch(/between 0 and 20000/);
  });
  it('refuses fractions of whole quantities, infinities, NaN and non-numbers', () => {
    expect(boundProblem(1.5, BOUNDS.contactsPerInterval)).toMatch(/whole number/);
    for (const v of [Infinity, -Infinity, NaN, '3', null]) expect(boundProblem(v, BOUNDS.agents)).toMatch(/finite number/);
  });
  it('keeps every summed quantity far below 2^53 over ten years of quarter hours', () => {
    const intervals = 10 * 366 * 96;
    expect(BOUNDS.secondsPerInterval.max * intervals).toBeLessThan(Number.MAX_SAFE_INTEGER);
  });
});

describe('instants and dates', () => {
  it('accepts 2000-01-01 and refuses 2100-01-01 and year 1', () => {
    expect(instantProblem(INSTANT_WINDOW.from)).toBeNull();
    expect(instantProblem(INSTANT_WINDOW.to)).toMatch(/2000-01-01T00:00:00Z to 2100-01-01T00:00:00Z/);
    expect(instantProblem(Date.UTC(1, 0, 1) / 1000)).not.toBeNull();
    expect(localDateYearProblem('2099-12-31')).toBeNull();
    expect(localDateYearProblem('0001-01-01')).toMatch(/2000 to 2099/);
    expect(localDateYearProblem('9999-01-01')).not.toBeNull();
  });
});

describe('textProblem', () => {
  it('allows newlines and tabs, and ordinary non-Latin text', () => {
    expect(textProblem('line one\nline two\tend', 100)).toBeNull();
    expect(textProblem('Réclamation — شكوى — 苦情', 100)).toBeNull();
  });
  it.each([
    ['NUL', '\u0000', '0000'],
    ['BEL', 'a\u0007', '0007'],
    ['DEL', '\u007F', '007F'],
    ['right-to-left override', 'abc\u202Edef', '202E'],
    ['first strong isolate', '\u2068x', '2068'],
  ])('refuses %s, naming the code point', (_name, text, code) => {
    expect(textProblem(text, 100)).toContain(`U+${code}`);
  });
  it('caps the length', () => {
    expect(textProblem('x'.repeat(11), 10)).toBe('at most 10 characters (got 11)');
  });
});
