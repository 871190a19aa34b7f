import { coverageOf, profileProblems } from './profile';
import { READY_MADE } from './profiles/index';
import { definition, col } from './profiles/defaults';
import { parseCell, parseDateAndTime, parseTimestamp } from './values';

describe('ready-made profiles', () => {
  it.each(Object.entries(READY_MADE))('%s is a valid profile that cites its documentation', (_name, def) => {
    expect(profileProblems(def)).toEqual([]);
    expect(def.documentation).toBeTruthy();
  });

  it('say which figures the source cannot give', () => {
    const genesys = coverageOf(READY_MADE['genesys-cloud-queue-performance']);
    expect(genesys.rebuilt).toContain('SERVICE_LEVEL and SERVICE_LEVEL OF_ANSWERED at T = 20 s');
    expect(genesys.notRebuilt.map((n) => n.figure)).toEqual(expect.arrayContaining(['OCCUPANCY', 'SERVICE_LEVEL at any other T']));
    const connect = coverageOf(READY_MADE['amazon-connect-historical-metrics']);
    expect(connect.rebuilt.join(' ')).toContain('T = 15, 20, 30, 45, 60, 90, 120, 180, 300, 600 s');
  });
});

describe('saved profiles', () => {
  it('refuse a profile that would have the hub make a field up, naming it', () => {
    const def = definition({ kind: 'INTERVALS', intervalSeconds: 900, columns: [col('t', 'START'), col('o', 'OFFERED'), col('a', 'ANSWERED')] });
    const messages = profileProblems(def).map((p) => p.message).join(' | ');
    expect(messages).toContain('needs ABANDONED (or ABANDON_RATE)');
    expect(messages).toContain('needs HOLD (or AVERAGE_HOLD)');
  });

  it('refuse a service-level column without the formula, a threshold field without seconds, a unit a field does not take', () => {
    const def = definition({
      kind: 'INTERVALS',
      intervalSeconds: 900,
      columns: [col('t', 'START'), col('sl', 'SERVICE_LEVEL'), col('w', 'ANSWERED_WITHIN'), col('o', 'OFFERED', { unit: 'HHMMSS' })],
    });
    const fields = profileProblems(def).map((p) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['input.serviceLevel', 'input.columns[2].seconds', 'input.columns[3].unit']));
  });
});

describe('reading cells', () => {
  it('durations in every export format', () => {
    expect(parseCell('1:02:03', 'HHMMSS')).toEqual({ value: 3723 });
    expect(parseCell('02:03', 'HHMMSS')).toEqual({ value: 123 });
    expect(parseCell('1500', 'MILLISECONDS')).toEqual({ value: 1.5 });
    expect(parseCell('2.5', 'MINUTES')).toEqual({ value: 150 });
    expect(parseCell('00:00:12', 'SECONDS')).toEqual({ value: 12 });
    expect(parseCell('', 'SECONDS')).toBeNull();
    expect(parseCell('-3', 'SECONDS')).toHaveProperty('problem');
  });

  it('percentages, fractions and counts', () => {
    expect(parseCell('81.5%', 'PERCENT')).toEqual({ value: 0.815 });
    expect(parseCell('0.815', 'FRACTION')).toEqual({ value: 0.815 });
    expect(parseCell('101', 'PERCENT')).toHaveProperty('problem');
    expect(parseCell('3.5', 'COUNT')).toHaveProperty('problem');
  });

  it('timestamps with offsets, in a zone, across DST, in the vendors’ formats', () => {
    expect(parseTimestamp('2026-06-01T10:00:00+02:00', 'ISO_8601', 'UTC')).toEqual({ value: Date.UTC(2026, 5, 1, 8) / 1000 });
    expect(parseTimestamp('2026-06-01 10:00', 'ISO_8601', 'Europe/Paris')).toEqual({ value: Date.UTC(2026, 5, 1, 8) / 1000 });
    expect(parseTimestamp('2026-01-15 10:00', 'ISO_8601', 'Europe/Paris')).toEqual({ value: Date.UTC(2026, 0, 15, 9) / 1000 });
    expect(parseTimestamp('06/01/2026 8:00 PM', 'MDY', 'UTC')).toEqual({ value: Date.UTC(2026, 5, 1, 20) / 1000 });
    expect(parseTimestamp('01/06/2026 08:00', 'DMY', 'UTC')).toEqual({ value: Date.UTC(2026, 5, 1, 8) / 1000 });
    expect(parseTimestamp('20260601 08:15', 'COMPACT_YMD', 'UTC')).toEqual({ value: Date.UTC(2026, 5, 1, 8, 15) / 1000 });
    expect(parseTimestamp('2026-02-30 08:00', 'ISO_8601', 'UTC')).toHaveProperty('problem');
    expect(parseDateAndTime('2026-06-03', '830', 'ISO_8601', 'Europe/Paris')).toEqual({ value: Date.UTC(2026, 5, 3, 6, 30) / 1000 });
  });
});
