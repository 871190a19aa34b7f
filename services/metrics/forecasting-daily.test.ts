import { DayInput, forecastDaily, FutureDayInput, openWeekdays } from './forecasting-daily';

/** Deterministic pseudo-random numbers in [0, 1). */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let z = a;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
}

const FACTORS = [1.3, 1.1, 1.0, 0.95, 0.9, 0.35, 0]; // Monday .. Sunday (closed)
const iso = (dayNumber: number) => new Date(Date.UTC(2026, 0, 5) + dayNumber * 86_400_000).toISOString().slice(0, 10); // day 0 = Monday 5 January 2026

function history(weeks: number, noise: number, seed = 1, level = (t: number) => 1000 + 0 * t): DayInput[] {
  const r = rng(seed);
  return Array.from({ length: weeks * 7 }, (_, t) => {
    const expected = level(t) * FACTORS[t % 7];
    const value = expected === 0 ? 0 : Math.round(expected * Math.exp(noise * (r() - 0.5) * 2));
    return { date: iso(t), weekday: (t % 7) + 1, value };
  });
}

function future(start: number, days: number, extra: (t: number) => Partial<FutureDayInput> = () => ({})): FutureDayInput[] {
  return Array.from({ length: days }, (_, i) => ({ date: iso(start + i), weekday: ((start + i) % 7) + 1, ...extra(start + i) }));
}

describe('daily exponential smoothing in local days', () => {
  it('finds the open weekdays and forecasts a closed weekday as 0', () => {
    const h = history(12, 0.05);
    expect(openWeekdays(h)).toEqual([1, 2, 3, 4, 5, 6]);
    const { days, model } = forecastDaily(h, future(84, 7));
    expect(model.name).toMatch(/^ETS\(A,(N|Ad),A\)$/);
    expect(days[6]).toMatchObject({ value: 0, closed: true, upper95: 0 });
    days.slice(0, 6).forEach((d, i) => {
      expect(d.closed).toBe(false);
      expect(d.value / (1000 * FACTORS[i])).toBeGreaterThan(0.93);
      expect(d.value / (1000 * FACTORS[i])).toBeLessThan(1.07);
      expect(d.lower95).toBeLessThan(d.lower80);
      expect(d.lower80).toBeLessThan(d.value);
      expect(d.value).toBeLessThan(d.upper80);
      expect(d.upper80).toBeLessThan(d.upper95);
    });
  });

  it('follows a trend with the damped-trend model when it fits better', () => {
    const h = history(16, 0.02, 3, (t) => 600 + 8 * t);
    const { days, model } = forecastDaily(h, future(112, 7));
    expect(model.name).toBe('ETS(A,Ad,A)');
    expect(days[0].value).toBeGreaterThan(1400 * FACTORS[0] * 0.97); // past the last level (≈ 1490), not back at the mean
  });

  it('keeps holidays and flagged outliers out of the fit, and detects a far-off day itself', () => {
    const base = history(12, 0.04, 5);
    const disturbed = base.map((d, t) => {
      if (t === 70) return { ...d, value: 5, holiday: true }; // a holiday with almost no calls
      if (t === 72) return { ...d, value: (d.value ?? 0) * 3, outlier: true }; // flagged: an outage the day before sent callers back
      if (t === 75) return { ...d, value: 20 }; // an unflagged outage
      return d;
    });
    const clean = forecastDaily(base, future(84, 6));
    const result = forecastDaily(disturbed, future(84, 6));
    expect(result.model.excluded).toEqual(expect.arrayContaining([iso(70), iso(72), iso(75)]));
    result.days.forEach((d, i) => expect(Math.abs(d.value / clean.days[i].value - 1)).toBeLessThan(0.05));
  });

  it('forecasts a holiday at the share past holidays had, and as closed when none was seen', () => {
    const h = history(12, 0.03, 7).map((d, t) => (t === 58 || t === 65 ? { ...d, value: Math.round((d.value ?? 0) * 0.2), holiday: true } : d));
    const ahead = future(84, 3, (t) => ({ holiday: t === 85 }));
    const { days, model } = forecastDaily(h, ahead);
    expect(model.holidayRatio).toBeGreaterThan(0.15);
    expect(model.holidayRatio).toBeLessThan(0.25);
    expect(days[1].holiday).toBe(true);
    expect(days[1].value / days[0].value).toBeLessThan(0.3);
    const never = forecastDaily(history(12, 0.03, 7), ahead);
    expect(never.days[1]).toMatchObject({ value: 0, closed: true, holiday: true });
  });

  it('lifts the days an announced driver covers', () => {
    const h = history(12, 0.03, 9);
    const plain = forecastDaily(h, future(84, 3));
    const lifted = forecastDaily(h, future(84, 3, (t) => ({ uplift: t === 85 ? 0.25 : 0 })));
    expect(lifted.days[1].value / plain.days[1].value).toBeCloseTo(1.25, 6);
    expect(lifted.days[0].value).toBeCloseTo(plain.days[0].value, 6);
  });

  it('learns a month-start effect when the history shows it clearly', () => {
    const h = history(30, 0.03, 11).map((d) => {
      const firstOpen = d.date.endsWith('-01') || (d.date.endsWith('-02') && d.weekday === 1) || (d.date.endsWith('-03') && d.weekday === 1);
      return firstOpen && d.value ? { ...d, value: Math.round(d.value * 1.4) } : d;
    });
    const { model } = forecastDaily(h, future(210, 7));
    expect(model.effects.FIRST_OPEN_DAY_OF_MONTH).toBeGreaterThan(1.25);
    expect(model.effects.FIRST_OPEN_DAY_OF_MONTH).toBeLessThan(1.5);
  });

  it('starts at the first reported day and falls back to weekday means on a short history', () => {
    const leading: DayInput[] = Array.from({ length: 14 }, (_, t) => ({ date: iso(t - 14), weekday: ((t + 7 * 10) % 7) + 1, value: null }));
    const short = [...leading, ...history(1, 0.01, 13)];
    const { days, model } = forecastDaily(short, future(7, 7));
    expect(model.name).toBe('WEEKDAY_MEAN');
    expect(days[0].value).toBeGreaterThan(1200);
    expect(days[6].closed).toBe(true);
  });
});
