import { DayForecast } from './forecasting-daily';
import { intradayProfile, localDays, ProfileDay, splitDay } from './forecasting-profile';

const epoch = (iso: string) => Date.parse(iso) / 1000;

function dayForecast(value: number, spread = 0.1): DayForecast {
  return { date: '', value, lower80: value * (1 - spread), upper80: value * (1 + spread), lower95: value * (1 - 2 * spread), upper95: value * (1 + 2 * spread), logSd: spread, closed: false, holiday: false };
}

describe('local days and quarter hours', () => {
  it('has 92 quarter hours on the spring-forward day and 100 on the fall-back day in Paris, on the wall clock', () => {
    const [spring] = localDays(epoch('2026-03-29T10:00:00Z'), epoch('2026-03-29T11:00:00Z'), 'Europe/Paris');
    expect(spring).toMatchObject({ date: '2026-03-29', weekday: 7, start: epoch('2026-03-28T23:00:00Z'), end: epoch('2026-03-29T22:00:00Z') });
    expect(spring.slots).toHaveLength(92);
    expect(spring.slots.map((s) => s.slot)).not.toContain(8); // 02:00 does not exist
    expect(spring.slots[8]).toEqual({ start: epoch('2026-03-29T01:00:00Z'), slot: 12 }); // 03:00 CEST
    const [autumn] = localDays(epoch('2026-10-25T10:00:00Z'), epoch('2026-10-25T11:00:00Z'), 'Europe/Paris');
    expect(autumn.slots).toHaveLength(100);
    expect(autumn.slots.filter((s) => s.slot === 8)).toHaveLength(2); // 02:00 twice
  });

  it('lists every local day overlapping the range, whole', () => {
    const days = localDays(epoch('2026-06-01T20:00:00Z'), epoch('2026-06-03T01:00:00Z'), 'America/New_York');
    expect(days.map((d) => d.date)).toEqual(['2026-06-01', '2026-06-02']);
    expect(days[0].start).toBe(epoch('2026-06-01T04:00:00Z'));
    expect(days[1].slots).toHaveLength(96);
  });
});

describe('intraday profiles', () => {
  const morning: ProfileDay = { weekday: 1, slots: [{ slot: 36, offered: 30, answered: 30, handleSeconds: 30 * 200 }, { slot: 37, offered: 10, answered: 10, handleSeconds: 10 * 400 }] };

  it('measures the share of each weekday’s volume per local quarter hour and its AHT shape', () => {
    const p = intradayProfile([morning, morning]);
    expect(p.shares.get(1)![36]).toBeCloseTo(0.75, 12);
    expect(p.shares.get(1)![37]).toBeCloseTo(0.25, 12);
    expect(p.ahtShape.get(1)![36]).toBeCloseTo(200 / 250, 12); // day AHT (60 × 200 + 20 × 400) / 80 = 250
    expect(p.ahtShape.get(1)![37]).toBe(1); // 20 answered: too few to trust its own AHT
    expect(p.shares.get(3)).toEqual(p.shares.get(1)); // a weekday without days borrows all days' profile
    expect(p.dispersion).toBe(1); // exactly on the profile: no extra noise
  });

  it('splits a day by the profile, keeps the total on a short DST day, and widens the quarter-hour bounds with the noise', () => {
    const slots = Array.from({ length: 96 }, (_, slot) => ({ slot, offered: slot >= 32 && slot < 80 ? 10 : 0, answered: 0, handleSeconds: 0 }));
    const p = intradayProfile([{ weekday: 7, slots }]);
    const [spring] = localDays(epoch('2026-03-29T10:00:00Z'), epoch('2026-03-29T11:00:00Z'), 'Europe/Paris');
    const split = splitDay(spring, dayForecast(480), p, 300);
    expect(split.reduce((a, s) => a + s.volume, 0)).toBeCloseTo(480, 9);
    const open = split.find((s) => s.volume > 0)!;
    expect(open.volume).toBeCloseTo(10, 9);
    expect(open.lower80).toBeLessThan(open.volume - 1); // the day's ±10 % alone would give ±1
    expect(open.upper95).toBeGreaterThan(open.upper80);
    expect(open.ahtSeconds).toBe(300);
    expect(split.find((s) => s.volume === 0)!.ahtSeconds).toBeNull();
  });
});
