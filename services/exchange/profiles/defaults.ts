import { ColumnMapping, ProfileDefinition } from '../profile';

/** A profile definition with the defaults a saved profile gets for what it leaves out. */
export function definition(d: Partial<ProfileDefinition> & Pick<ProfileDefinition, 'kind' | 'columns'>): ProfileDefinition {
  return {
    description: null,
    documentation: null,
    delimiter: ',',
    skipLines: 0,
    timeZone: null,
    timestampFormat: 'ISO_8601',
    timesMark: 'INTERVAL_START',
    intervalSeconds: null,
    attribution: 'QUEUE_ENTRY',
    serviceLevel: null,
    agentsRounding: 'DOWN',
    constants: [],
    ...d,
  };
}

export const col = (source: string, field: ColumnMapping['field'], extra: Partial<ColumnMapping> = {}): ColumnMapping => ({ source, field, ...extra });
