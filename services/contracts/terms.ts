import type { FieldProblem } from '../platform/errors';
import { Bound, boundProblem, BOUNDS, LIST_LIMITS, listProblem, localDateYearProblem, TEXT_LIMITS, textProblem } from '../metrics/bounds';
import { Frequency, isValidLocalDate, isValidTimeZone, Party, Weekday, WEEKDAYS } from '../metrics/vocabulary';

/**
 * The clause-6 content of an agreement (ISO 18295-2) as plain values, and the rules each must
 * satisfy, over the bounds of metrics/bounds.ts. Pure functions: no I/O, so they are unit-tested
 * directly.
 */

export interface OpeningHoursValue {
  weekday: Weekday;
  /** Local time HH:MM. */
  opens: string;
  /** Local time HH:MM, after `opens`; 24:00 for midnight. */
  closes: string;
}

/** 6.4 roles and responsibilities. */
export interface ResponsibilityValue {
  area: string;
  party: Party;
  contactName: string;
  contactEmail: string | null;
  description: string | null;
}

/** 6.5 information the client hands to the centre. */
export interface InformationItemValue {
  what: string;
  frequency: Frequency;
  description: string | null;
}

/** 6.8 reports the centre owes the client. */
export interface ReportingObligationValue {
  report: string;
  frequency: Frequency;
  dueDaysAfterPeriodEnd: number;
}

export interface BusinessCalendarValue {
  timeZone: string;
  hours: OpeningHoursValue[];
  /** Local dates (YYYY-MM-DD) on which the clocks do not run. */
  holidays: string[];
}

/** ISO 10002 clocks agreed for complaint handling. */
export interface ComplaintTermsValue {
  acknowledgeWithinHours: number;
  resolveWithinDays: number;
  calendar: BusinessCalendarValue;
}

/** 6.10 service terms: named clauses. */
export interface ServiceTermValue {
  topic: string;
  text: string;
}

const LOCAL_TIME = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;

function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return h * 60 + m;
}

/** Free text: not blank when required, within `max`, free of control and bidi-override characters. */
function text(problems: FieldProblem[], field: string, value: string | null | undefined, max: number, required = true): void {
  if (value === null || value === undefined || value.trim() === '') {
    if (required) problems.push({ field, message: 'must not be empty' });
    return;
  }
  const problem = textProblem(value, max);
  if (problem) problems.push({ field, message: problem });
}

function bounded(problems: FieldProblem[], field: string, value: number, bound: Bound): void {
  const problem = boundProblem(value, bound);
  if (problem) problems.push({ field, message: problem });
}

/** A local date YYYY-MM-DD in the years the hub stores. */
function localDate(problems: FieldProblem[], field: string, value: string): boolean {
  if (!isValidLocalDate(value)) {
    problems.push({ field, message: 'must be a date YYYY-MM-DD' });
    return false;
  }
  const problem = localDateYearProblem(value);
  if (problem) problems.push({ field, message: problem });
  return !problem;
}

/** A terms list holds at most LIST_LIMITS.termsItems items: checked before any item is. */
export function validateTermsListSize(field: string, items: readonly unknown[]): FieldProblem[] {
  const problem = listProblem(items.length, LIST_LIMITS.termsItems, 'items');
  return problem ? [{ field, message: problem }] : [];
}

export function validateTimeZone(field: string, zone: string): FieldProblem[] {
  return isValidTimeZone(zone) ? [] : [{ field, message: `"${zone}" is not an IANA time zone (e.g. Europe/Paris)` }];
}

export function validateOpeningHours(field: string, hours: OpeningHoursValue[]): FieldProblem[] {
  const tooMany = listProblem(hours.length, LIST_LIMITS.openingHours, 'opening-hour ranges');
  if (tooMany) return [{ field, message: tooMany }];
  const problems: FieldProblem[] = [];
  hours.forEach((h, i) => {
    const at = `${field}[${i}]`;
    if (!LOCAL_TIME.test(h.opens)) problems.push({ field: `${at}.opens`, message: 'must be a local time HH:MM' });
    if (!LOCAL_TIME.test(h.closes)) problems.push({ field: `${at}.closes`, message: 'must be a local time HH:MM (24:00 for midnight)' });
    if (LOCAL_TIME.test(h.opens) && LOCAL_TIME.test(h.closes) && minutesOf(h.closes) <= minutesOf(h.opens)) {
      problems.push({ field: `${at}.closes`, message: `must be after opens (${h.opens}); split overnight hours over two days` });
    }
  });
  // Overlapping ranges on one day would count the same minutes twice in business-hours clocks.
  for (const day of WEEKDAYS) {
    const ranges = hours
      .map((h, i) => ({ h, i }))
      .filter(({ h }) => h.weekday === day && LOCAL_TIME.test(h.opens) && LOCAL_TIME.test(h.closes))
      .sort((a, b) => minutesOf(a.h.opens) - minutesOf(b.h.opens));
    let latestClose = -1;
    for (const { h, i } of ranges) {
      if (minutesOf(h.opens) < latestClose) problems.push({ field: `${field}[${i}].opens`, message: `overlaps another range on ${day}` });
      latestClose = Math.max(latestClose, minutesOf(h.closes));
    }
  }
  return problems;
}

export function validateDates(startDate: string, endDate: string | null | undefined): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const startOk = localDate(problems, 'startDate', startDate);
  if (endDate !== null && endDate !== undefined) {
    if (localDate(problems, 'endDate', endDate) && startOk && endDate < startDate) {
      problems.push({ field: 'endDate', message: `must not be before startDate (${startDate})` });
    }
  }
  return problems;
}

export function validateResponsibilities(items: ResponsibilityValue[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  items.forEach((r, i) => {
    text(problems, `responsibilities[${i}].area`, r.area, TEXT_LIMITS.name);
    text(problems, `responsibilities[${i}].contactName`, r.contactName, TEXT_LIMITS.name);
    text(problems, `responsibilities[${i}].description`, r.description, TEXT_LIMITS.description, false);
    if (r.contactEmail) {
      const problem = textProblem(r.contactEmail, TEXT_LIMITS.name);
      if (problem) problems.push({ field: `responsibilities[${i}].contactEmail`, message: problem });
      else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(r.contactEmail)) {
        problems.push({ field: `responsibilities[${i}].contactEmail`, message: 'must be an e-mail address' });
      }
    }
  });
  return problems;
}

export function validateInformationItems(items: InformationItemValue[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  items.forEach((item, i) => {
    text(problems, `informationItems[${i}].what`, item.what, TEXT_LIMITS.name);
    text(problems, `informationItems[${i}].description`, item.description, TEXT_LIMITS.description, false);
  });
  return problems;
}

export function validateReportingObligations(items: ReportingObligationValue[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  items.forEach((item, i) => {
    text(problems, `reportingObligations[${i}].report`, item.report, TEXT_LIMITS.name);
    if (item.frequency === 'ONCE' || item.frequency === 'ON_CHANGE') {
      problems.push({ field: `reportingObligations[${i}].frequency`, message: 'a report obligation needs a periodic frequency (DAILY to YEARLY)' });
    }
    bounded(problems, `reportingObligations[${i}].dueDaysAfterPeriodEnd`, item.dueDaysAfterPeriodEnd, BOUNDS.reportDueDays);
  });
  return problems;
}

export function validateComplaintTerms(terms: ComplaintTermsValue): FieldProblem[] {
  const problems: FieldProblem[] = [];
  bounded(problems, 'complaintTerms.acknowledgeWithinHours', terms.acknowledgeWithinHours, BOUNDS.clockHours);
  bounded(problems, 'complaintTerms.resolveWithinDays', terms.resolveWithinDays, BOUNDS.clockDays);
  problems.push(...validateTimeZone('complaintTerms.calendar.timeZone', terms.calendar.timeZone));
  problems.push(...validateOpeningHours('complaintTerms.calendar.hours', terms.calendar.hours));
  if (terms.calendar.hours.length === 0) {
    problems.push({ field: 'complaintTerms.calendar.hours', message: 'needs at least one business-hours range, or the clocks never run' });
  }
  const tooMany = listProblem(terms.calendar.holidays.length, LIST_LIMITS.holidays, 'holidays');
  if (tooMany) problems.push({ field: 'complaintTerms.calendar.holidays', message: tooMany });
  else terms.calendar.holidays.forEach((d, i) => localDate(problems, `complaintTerms.calendar.holidays[${i}]`, d));
  return problems;
}

export function validateServiceTerms(items: ServiceTermValue[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  items.forEach((t, i) => {
    text(problems, `serviceTerms[${i}].topic`, t.topic, TEXT_LIMITS.name);
    text(problems, `serviceTerms[${i}].text`, t.text, TEXT_LIMITS.note);
    const key = t.topic?.trim().toLowerCase();
    if (key && seen.has(key)) problems.push({ field: `serviceTerms[${i}].topic`, message: `"${t.topic}" appears twice` });
    seen.add(key);
  });
  return problems;
}

export function validateCurrency(field: string, currency: string): FieldProblem[] {
  return /^[A-Z]{3}$/.test(currency) ? [] : [{ field, message: 'must be an ISO 4217 code of three capital letters, e.g. EUR' }];
}
