import { ComplaintTermsValue, OpeningHoursValue, ReportingObligationValue, ResponsibilityValue, validateComplaintTerms, validateCurrency, validateDates, validateInformationItems, validateOpeningHours, validateReportingObligations, validateResponsibilities, validateServiceTerms, validateTimeZone } from './terms';
import { isValidLocalDate, isValidTimeZone } from '../metrics/vocabulary';
import { BOUNDS, LIST_LIMITS, TEXT_LIMITS } from '../metrics/bounds';

/** The fields that have a problem, in the order reported. */
function fields(problems: { field: string }[]): string[] {
  return problems.map((p) => p.field);
}

function hours(weekday: OpeningHoursValue['weekday'], opens: string, closes: string): OpeningHoursValue {
  return { weekday, opens, closes };
}

describe('time zones', () => {
  it.each(['Europe/Paris', 'UTC', 'America/Argentina/Buenos_Aires', 'Etc/GMT+1'])('accepts %s', (zone) => {
    expect(isValidTimeZone(zone)).toBe(true);
    expect(validateTimeZone('timeZone', zone)).toEqual([]);
  });

  it.each(['Europe/Atlantis', 'Mars/Olympus', ''])('rejects %j', (zone) => {
    expect(isValidTimeZone(zone)).toBe(false);
  });

  it('rejects names longer than 64 characters without asking Intl', () => {
    expect(isValidTimeZone('Europe/' + 'x'.repeat(58))).toBe(false);
  });

  it('names the field and the offending zone', () => {
    expect(validateTimeZone('queues[0].timeZone', 'Europe/Atlantis')).toEqual([
      { field: 'queues[0].timeZone', message: '"Europe/Atlantis" is not an IANA time zone (e.g. Europe/Paris)' },
    ]);
  });
});

describe('local dates', () => {
  it.each(['2026-01-31', '2028-02-29', '2026-12-31'])('accepts %s', (date) => {
    expect(isValidLocalDate(date)).toBe(true);
  });

  it.each([
    ['2026-02-30', 'no 30 February'],
    ['2026-02-29', '2026 is not a leap year'],
    ['2100-02-29', '2100 is not a leap year (century rule)'],
    ['2026-13-01', 'no month 13'],
    ['2026-04-31', 'April has 30 days'],
    ['2026-1-05', 'month not zero-padded'],
    ['2026-01-05T00:00', 'a timestamp, not a date'],
    ['', 'empty'],
  ])('rejects %j (%s)', (date) => {
    expect(isValidLocalDate(date)).toBe(false);
  });
});

describe('validateOpeningHours', () => {
  it('accepts ordinary hours, 00:00 opening and 24:00 closing', () => {
    expect(
      validateOpeningHours('hours', [hours('MONDAY', '08:00', '18:00'), hours('SATURDAY', '00:00', '24:00')]),
    ).toEqual([]);
  });

  it('rejects malformed times on the right index', () => {
    const problems = validateOpeningHours('hours', [
      hours('MONDAY', '08:00', '18:00'),
      hours('TUESDAY', '8:00', '24:01'),
      hours('WEDNESDAY', '24:00', '23:60'),
    ]);
    expect(fields(problems)).toEqual([
      'hours[1].opens',
      'hours[1].closes',
      // 24:00 passes the format check for opens; 23:60 has no minute 60.
      'hours[2].closes',
    ]);
  });

  it('rejects 24:00 as an opening time because nothing can close after it', () => {
    expect(validateOpeningHours('hours', [hours('MONDAY', '24:00', '24:00')])).toEqual([
      { field: 'hours[0].closes', message: 'must be after opens (24:00); split overnight hours over two days' },
    ]);
  });

  it('rejects a range that closes before or when it opens', () => {
    const problems = validateOpeningHours('hours', [hours('MONDAY', '22:00', '06:00'), hours('TUESDAY', '09:00', '09:00')]);
    expect(problems).toEqual([
      { field: 'hours[0].closes', message: 'must be after opens (22:00); split overnight hours over two days' },
      { field: 'hours[1].closes', message: 'must be after opens (09:00); split overnight hours over two days' },
    ]);
  });

  it('reports an overlap on the range that starts later, whatever the input order', () => {
    // Index 0 starts later (12:00) than index 1 (09:00) and begins before index 1 closes.
    const problems = validateOpeningHours('hours', [
      hours('MONDAY', '12:00', '14:00'),
      hours('MONDAY', '09:00', '13:00'),
      hours('TUESDAY', '09:00', '17:00'),
    ]);
    expect(problems).toEqual([{ field: 'hours[0].opens', message: 'overlaps another range on MONDAY' }]);
  });

  it('accepts back-to-back ranges and equal ranges on different days', () => {
    expect(
      validateOpeningHours('hours', [
        hours('FRIDAY', '09:00', '12:00'),
        hours('FRIDAY', '12:00', '17:00'),
        hours('SATURDAY', '09:00', '12:00'),
      ]),
    ).toEqual([]);
  });

  it('reports the second of two identical ranges', () => {
    const problems = validateOpeningHours('hours', [hours('SUNDAY', '10:00', '16:00'), hours('SUNDAY', '10:00', '16:00')]);
    expect(problems).toEqual([{ field: 'hours[1].opens', message: 'overlaps another range on SUNDAY' }]);
  });

  it('reports a range nested in an earlier, longer range even when an intermediate range has already closed', () => {
    const problems = validateOpeningHours('hours', [
      hours('MONDAY', '08:00', '18:00'),
      hours('MONDAY', '09:00', '10:00'),
      hours('MONDAY', '11:00', '12:00'),
    ]);
    expect(problems.map((p) => p.field)).toEqual(['hours[1].opens', 'hours[2].opens']);
  });
});

describe('validateDates', () => {
  it('accepts an open-ended contract and one ending on its start day', () => {
    expect(validateDates('2026-01-01', null)).toEqual([]);
    expect(validateDates('2026-01-01', undefined)).toEqual([]);
    expect(validateDates('2026-01-01', '2026-01-01')).toEqual([]);
  });

  it('rejects an end before the start', () => {
    expect(validateDates('2026-03-01', '2026-02-28')).toEqual([
      { field: 'endDate', message: 'must not be before startDate (2026-03-01)' },
    ]);
  });

  it('reports malformed dates but does not compare them', () => {
    expect(fields(validateDates('2026-02-30', '2026-01-01'))).toEqual(['startDate']);
    expect(fields(validateDates('2026-01-01', '2026-02-30'))).toEqual(['endDate']);
    expect(validateDates('2026-02-30', '2026-02-31')).toEqual([
      { field: 'startDate', message: 'must be a date YYYY-MM-DD' },
      { field: 'endDate', message: 'must be a date YYYY-MM-DD' },
    ]);
  });
});

describe('validateResponsibilities', () => {
  const ok: ResponsibilityValue = {
    area: 'Workforce planning',
    party: 'CENTRE',
    contactName: 'A. Planner',
    contactEmail: 'planning@centre.example',
    description: null,
  };

  it('accepts a complete item and one without e-mail', () => {
    expect(validateResponsibilities([ok, { ...ok, contactEmail: null }])).toEqual([]);
  });

  it.each(['planning@centre', 'planning centre@centre.example', 'planning.centre.example', '@centre.example'])(
    'rejects the e-mail %j',
    (contactEmail) => {
      expect(validateResponsibilities([ok, { ...ok, contactEmail }])).toEqual([
        { field: 'responsibilities[1].contactEmail', message: 'must be an e-mail address' },
      ]);
    },
  );

  it('requires area and contact name, and limits the lengths', () => {
    const problems = validateResponsibilities([{ ...ok, area: '  ', contactName: 'x'.repeat(TEXT_LIMITS.name + 1), description: 'd'.repeat(TEXT_LIMITS.description + 1) }]);
    expect(problems).toEqual([
      { field: 'responsibilities[0].area', message: 'must not be empty' },
      { field: 'responsibilities[0].contactName', message: `at most ${TEXT_LIMITS.name} characters (got ${TEXT_LIMITS.name + 1})` },
      { field: 'responsibilities[0].description', message: `at most ${TEXT_LIMITS.description} characters (got ${TEXT_LIMITS.description + 1})` },
    ]);
  });
});

describe('validateInformationItems', () => {
  it('requires what, and the optional description may be empty', () => {
    expect(validateInformationItems([{ what: 'Price list', frequency: 'ON_CHANGE', description: '' }])).toEqual([]);
    expect(fields(validateInformationItems([{ what: '', frequency: 'ONCE', description: null }]))).toEqual(['informationItems[0].what']);
  });
});

describe('validateReportingObligations', () => {
  const ok: ReportingObligationValue = { report: 'SLA report', frequency: 'MONTHLY', dueDaysAfterPeriodEnd: 5 };

  it.each(['DAILY', 'WEEKLY', 'MONTHLY', 'QUARTERLY', 'YEARLY'] as const)('accepts the periodic frequency %s', (frequency) => {
    expect(validateReportingObligations([{ ...ok, frequency }])).toEqual([]);
  });

  it.each(['ONCE', 'ON_CHANGE'] as const)('rejects the non-periodic frequency %s', (frequency) => {
    expect(fields(validateReportingObligations([{ ...ok, frequency }]))).toEqual(['reportingObligations[0].frequency']);
  });

  it('accepts 0 and 90 due days', () => {
    expect(validateReportingObligations([{ ...ok, dueDaysAfterPeriodEnd: 0 }, { ...ok, dueDaysAfterPeriodEnd: 90 }])).toEqual([]);
  });

  it.each([-1, 91, 2.5, Number.NaN])('rejects %p due days', (dueDaysAfterPeriodEnd) => {
    expect(validateReportingObligations([{ ...ok, dueDaysAfterPeriodEnd }])).toEqual([
      { field: 'reportingObligations[0].dueDaysAfterPeriodEnd', message: expect.stringContaining('between 0 and 90') },
    ]);
  });

  it('requires a report name', () => {
    expect(fields(validateReportingObligations([ok, { ...ok, report: '' }]))).toEqual(['reportingObligations[1].report']);
  });
});

describe('validateComplaintTerms', () => {
  const ok: ComplaintTermsValue = {
    acknowledgeWithinHours: 24,
    resolveWithinDays: 10,
    calendar: { timeZone: 'Europe/Paris', hours: [hours('MONDAY', '09:00', '17:00')], holidays: ['2026-12-25'] },
  };

  it('accepts valid terms, including the bounds', () => {
    expect(validateComplaintTerms(ok)).toEqual([]);
    expect(validateComplaintTerms({ ...ok, acknowledgeWithinHours: 1, resolveWithinDays: 1 })).toEqual([]);
    expect(validateComplaintTerms({ ...ok, acknowledgeWithinHours: 720, resolveWithinDays: 365 })).toEqual([]);
  });

  it('reports every problem at once', () => {
    const problems = validateComplaintTerms({
      acknowledgeWithinHours: 0,
      resolveWithinDays: 366,
      calendar: {
        timeZone: 'Europe/Atlantis',
        hours: [hours('MONDAY', '17:00', '09:00')],
        holidays: ['2026-12-25', '2026-02-30'],
      },
    });
    expect(fields(problems)).toEqual([
      'complaintTerms.acknowledgeWithinHours',
      'complaintTerms.resolveWithinDays',
      'complaintTerms.calendar.timeZone',
      'complaintTerms.calendar.hours[0].closes',
      'complaintTerms.calendar.holidays[1]',
    ]);
  });

  it('rejects fractional clocks', () => {
    expect(fields(validateComplaintTerms({ ...ok, acknowledgeWithinHours: 1.5, resolveWithinDays: 0.5 }))).toEqual([
      'complaintTerms.acknowledgeWithinHours',
      'complaintTerms.resolveWithinDays',
    ]);
  });

  it('rejects a calendar without business hours, since the clocks would never run', () => {
    expect(validateComplaintTerms({ ...ok, calendar: { ...ok.calendar, hours: [] } })).toEqual([
      { field: 'complaintTerms.calendar.hours', message: 'needs at least one business-hours range, or the clocks never run' },
    ]);
  });
});

describe('validateServiceTerms', () => {
  it('accepts distinct topics', () => {
    expect(validateServiceTerms([{ topic: 'Confidentiality', text: '…' }, { topic: 'Data protection', text: '…' }])).toEqual([]);
  });

  it('reports each repeat of a topic, ignoring case and surrounding spaces', () => {
    const problems = validateServiceTerms([
      { topic: 'Confidentiality', text: 'a' },
      { topic: ' confidentiality ', text: 'b' },
      { topic: 'Termination', text: 'c' },
      { topic: 'CONFIDENTIALITY', text: 'd' },
    ]);
    expect(problems).toEqual([
      { field: 'serviceTerms[1].topic', message: '" confidentiality " appears twice' },
      { field: 'serviceTerms[3].topic', message: '"CONFIDENTIALITY" appears twice' },
    ]);
  });

  it('reports empty topics and texts as empty, not as duplicates', () => {
    expect(fields(validateServiceTerms([{ topic: '', text: '' }, { topic: ' ', text: 'x'.repeat(TEXT_LIMITS.note + 1) }]))).toEqual([
      'serviceTerms[0].topic',
      'serviceTerms[0].text',
      'serviceTerms[1].topic',
      'serviceTerms[1].text',
    ]);
  });
});

describe('validateCurrency', () => {
  it('accepts three capital letters', () => {
    expect(validateCurrency('currency', 'EUR')).toEqual([]);
  });

  it.each(['eur', 'EU', 'EURO', '€', ''])('rejects %j', (currency) => {
    expect(validateCurrency('currency', currency)).toEqual([
      { field: 'currency', message: 'must be an ISO 4217 code of three capital letters, e.g. EUR' },
    ]);
  });
});

describe('bounds of the clause-6 terms', () => {
  it('refuses control and bidi-override characters in every text, and keeps newlines and tabs', () => {
    expect(validateServiceTerms([{ topic: 'Term', text: 'one\n\ttwo' }])).toEqual([]);
    expect(fields(validateServiceTerms([{ topic: 'T\u0007', text: 'x\u202Ey' }]))).toEqual(['serviceTerms[0].topic', 'serviceTerms[0].text']);
    expect(fields(validateInformationItems([{ what: 'a\u0000', frequency: 'MONTHLY', description: 'b\u2066' }]))).toEqual([
      'informationItems[0].what',
      'informationItems[0].description',
    ]);
    expect(validateReportingObligations([{ report: 'SLA\u202D report', frequency: 'MONTHLY', dueDaysAfterPeriodEnd: 5 }])).toEqual([
      { field: 'reportingObligations[0].report', message: expect.stringMatching(/U\+202D at position 3/) },
    ]);
  });

  it(`refuses more than ${LIST_LIMITS.holidays} holidays before looking at any, and holidays outside the stored years`, () => {
    const terms: ComplaintTermsValue = {
      acknowledgeWithinHours: 8,
      resolveWithinDays: 5,
      calendar: { timeZone: 'Europe/Paris', hours: [hours('MONDAY', '09:00', '17:00')], holidays: Array.from({ length: LIST_LIMITS.holidays + 1 }, () => 'not a date') },
    };
    expect(validateComplaintTerms(terms)).toEqual([
      { field: 'complaintTerms.calendar.holidays', message: `at most ${LIST_LIMITS.holidays} holidays per call (got ${LIST_LIMITS.holidays + 1})` },
    ]);
    expect(fields(validateComplaintTerms({ ...terms, calendar: { ...terms.calendar, holidays: ['1999-12-31', '2000-01-01', '2099-12-31', '2100-01-01'] } }))).toEqual([
      'complaintTerms.calendar.holidays[0]',
      'complaintTerms.calendar.holidays[3]',
    ]);
  });

  it('refuses contract dates outside the stored years', () => {
    expect(fields(validateDates('1999-12-31', '2100-01-01'))).toEqual(['startDate', 'endDate']);
  });

  it('states the bound of each clock', () => {
    const problems = validateComplaintTerms({
      acknowledgeWithinHours: BOUNDS.clockHours.max + 1,
      resolveWithinDays: BOUNDS.clockDays.max + 1,
      calendar: { timeZone: 'UTC', hours: [hours('MONDAY', '09:00', '17:00')], holidays: [] },
    });
    expect(problems.map((p) => p.message)).toEqual([
      `must be between ${BOUNDS.clockHours.min} and ${BOUNDS.clockHours.max} hours (got ${BOUNDS.clockHours.max + 1})`,
      `must be between ${BOUNDS.clockDays.min} and ${BOUNDS.clockDays.max} days (got ${BOUNDS.clockDays.max + 1})`,
    ]);
  });

  it(`refuses more than ${LIST_LIMITS.openingHours} opening-hour ranges before checking any`, () => {
    const many = Array.from({ length: LIST_LIMITS.openingHours + 1 }, () => hours('MONDAY', '25:00', '08:00'));
    expect(validateOpeningHours('openingHours', many)).toEqual([{ field: 'openingHours', message: expect.stringContaining(`at most ${LIST_LIMITS.openingHours}`) }]);
  });
});
