import { CanonicalField, ColumnMapping, ProfileDefinition, specOf, ValueUnit } from './profile';
import { clip, parseCell, parseDateAndTime, parseTimestamp } from './values';

/**
 * A profile applied to one file's header: which cell each mapped field reads, and the reading of
 * one data row into canonical values, every problem naming the source column it comes from.
 */
export interface RowProblem {
  line: number;
  column: string | null;
  reason: string;
}

export interface CellValue {
  mapping: ColumnMapping;
  value: number | string | boolean;
}

export interface ReadRow {
  line: number;
  /** One value per mapped field (the first for a repeatable field) and constants. */
  values: Map<CanonicalField, CellValue>;
  /** Every value of the repeatable threshold fields. */
  thresholds: CellValue[];
}

export interface HeaderBinding {
  read(record: string[], line: number, problems: RowProblem[]): ReadRow | null;
  /** The source column of a field, for naming it in a problem. */
  columnOf(field: CanonicalField): string | null;
}

function unitOf(m: ColumnMapping): ValueUnit {
  return m.unit ?? specOf(m.field).unit;
}

/** Binds a profile to a header row; a mapped column missing from the header is the file's problem. */
export function bindHeader(def: ProfileDefinition, header: string[], headerLine: number, problems: RowProblem[]): HeaderBinding | null {
  const index = new Map<string, number>();
  header.forEach((h, i) => {
    const name = h.replace(/^\uFEFF/, '').trim();
    if (!index.has(name)) index.set(name, i);
  });
  const bound: Array<{ mapping: ColumnMapping; at: number }> = [];
  for (const m of def.columns) {
    if (m.field === 'IGNORE') continue;
    const at = index.get(m.source.trim());
    if (at === undefined) {
      if (m.optional) continue;
      problems.push({ line: headerLine, column: m.source, reason: `the profile maps "${clip(m.source)}" to ${m.field} but the header has no such column` });
      continue;
    }
    bound.push({ mapping: m, at });
  }
  if (problems.length > 0) return null;
  const constants = def.constants.map((k) => {
    const mapping: ColumnMapping = { source: `(constant ${k.field})`, field: k.field };
    const parsed = parseCell(k.value, unitOf(mapping));
    return { mapping, parsed };
  });
  const sourceOf = new Map<CanonicalField, string>();
  for (const b of bound) if (!sourceOf.has(b.mapping.field)) sourceOf.set(b.mapping.field, b.mapping.source);
  for (const k of constants) sourceOf.set(k.mapping.field, k.mapping.source);
  // What every row reads, worked out once: each bound cell's unit and whether it is a threshold.
  const cells = bound.map(({ mapping, at }) => ({ mapping, at, unit: unitOf(mapping), repeatable: Boolean(specOf(mapping.field).repeatable) }));
  const lastAt = Math.max(...bound.map((b) => b.at));
  return {
    columnOf: (field) => sourceOf.get(field) ?? null,
    read(record, line, out) {
      const values = new Map<CanonicalField, CellValue>();
      const thresholds: CellValue[] = [];
      let bad = false;
      if (record.length < header.length && record.length <= lastAt) {
        out.push({ line, column: null, reason: `${record.length} values where the header has ${header.length}` });
        return null;
      }
      for (const { mapping, at, unit, repeatable } of cells) {
        const parsed = parseCell(record[at] ?? '', unit);
        if (parsed === null) continue;
        if ('problem' in parsed) {
          out.push({ line, column: mapping.source, reason: parsed.problem });
          bad = true;
          continue;
        }
        const cell = { mapping, value: parsed.value };
        if (repeatable) thresholds.push(cell);
        else values.set(mapping.field, cell);
      }
      for (const k of constants) {
        if (k.parsed === null) continue;
        if ('problem' in k.parsed) {
          out.push({ line, column: k.mapping.source, reason: k.parsed.problem });
          bad = true;
          continue;
        }
        values.set(k.mapping.field, { mapping: k.mapping, value: k.parsed.value });
      }
      return bad ? null : { line, values, thresholds };
    },
  };
}

/** The interval's time of a row: start epoch and length, or problems naming the time columns. */
export function intervalTime(
  def: ProfileDefinition,
  row: ReadRow,
  timeZone: string,
  out: RowProblem[],
): { start: number; length: number } | null {
  const cell = (f: CanonicalField) => row.values.get(f);
  const at = (f: CanonicalField) => {
    const c = cell(f);
    if (!c) return null;
    const parsed = parseTimestamp(String(c.value), def.timestampFormat, timeZone);
    if ('problem' in parsed) {
      out.push({ line: row.line, column: c.mapping.source, reason: parsed.problem });
      return undefined;
    }
    return parsed.value;
  };
  let mark: number | null | undefined;
  const date = cell('DATE');
  if (date) {
    const time = cell('TIME');
    if (!time) {
      out.push({ line: row.line, column: date.mapping.source, reason: 'the time of day is empty' });
      return null;
    }
    const parsed = parseDateAndTime(String(date.value), String(time.value), def.timestampFormat, timeZone);
    if ('problem' in parsed) {
      out.push({ line: row.line, column: date.mapping.source, reason: parsed.problem });
      return null;
    }
    mark = parsed.value;
  } else {
    mark = at('START');
  }
  const end = at('END');
  if (mark === undefined || end === undefined) return null;
  let length: number | null = null;
  const lengthCell = cell('LENGTH');
  if (mark !== null && end !== null) length = end - mark;
  else if (lengthCell) length = Number(lengthCell.value);
  else length = def.intervalSeconds;
  const timeColumn = cell('START')?.mapping.source ?? date?.mapping.source ?? cell('END')?.mapping.source ?? null;
  if (length === null || !Number.isFinite(length)) {
    out.push({ line: row.line, column: timeColumn, reason: 'the interval length is not given' });
    return null;
  }
  if (mark === null && end === null) {
    out.push({ line: row.line, column: timeColumn, reason: 'the interval time is empty' });
    return null;
  }
  let start: number;
  if (mark === null) start = end! - length;
  else start = def.timesMark === 'INTERVAL_END' && end === null ? mark - length : mark;
  return { start, length: Math.round(length) };
}
