import ExcelJS from 'exceljs';
import { GraphQLError } from 'graphql';
import { FILE_LIMITS } from '../metrics/bounds';
import { csvContent, ExportFile } from './exports';
import { xlsxContent } from './spreadsheet';

const table = (rows: number, columns: number): ExportFile => ({
  fileName: 'sla-compliance-ct-1.csv',
  rows,
  definitions: ['SERVICE_LEVEL 20s OF_OFFERED'],
  header: Array.from({ length: columns }, (_, c) => `column ${c}`),
  cells: Array.from({ length: rows }, (_, r) => Array.from({ length: columns }, (_, c) => (c === 0 ? `2026-06-0${1 + (r % 9)}` : c === 1 ? r % 2 === 0 : c === 2 ? null : r * c + 0.5))),
});

describe('an export as an Excel workbook', () => {
  it('holds the CSV’s table: text, numbers, booleans and empty cells as the CSV writes them', async () => {
    const f = table(3, 4);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await xlsxContent(f)) as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['sla-compliance-ct-1', 'definitions']);
    const sheet = book.worksheets[0];
    expect(sheet.getRow(1).values).toEqual([undefined, 'column 0', 'column 1', 'column 2', 'column 3']);
    expect(sheet.getRow(2).values).toEqual([undefined, '2026-06-01', true, undefined, 0.5 + 0]);
    expect(sheet.getRow(3).getCell(4).value).toBe(3.5);
    expect(sheet.getRow(3).getCell(2).value).toBe(false);
    expect(csvContent(f).split('\n')[2]).toBe('2026-06-02,false,,3.5');
    expect(book.worksheets[1].getColumn(1).values.slice(2)).toEqual(['SERVICE_LEVEL 20s OF_OFFERED']);
  });

  it('is refused above the cell bound, naming the range to narrow (the CSV stays available)', async () => {
    const columns = 10;
    const f = table(FILE_LIMITS.spreadsheetCells / columns + 1, columns);
    const error = await xlsxContent(f).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
    expect((error as GraphQLError).message).toMatch(/500010 cells, more than 500000; narrow the range or take the CSV/);
  });
});
