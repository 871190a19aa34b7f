import ExcelJS from 'exceljs';
import { GraphQLError } from 'graphql';
import { FILE_LIMITS } from '../metrics/bounds';
import { chargeRendering, csvContent, ExportFile } from './exports';
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

describe('files written for one request', () => {
  it('are bounded together, aliases included, a workbook counting twice; another request starts afresh', () => {
    const month = table(2_976, 45); // a queue's month of quarter hours: 133,920 cells
    const request = {};
    const refusal = () => {
      try {
        chargeRendering(request, month, 1);
        return null;
      } catch (e) {
        return e as GraphQLError;
      }
    };
    // 2,000,000 / 133,920 = 14.9: fourteen CSVs pass, or seven workbooks.
    for (let i = 0; i < 7; i++) chargeRendering(request, month, 2);
    const error = refusal();
    expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
    expect(error?.message).toMatch(/would write 2008800 cells of files .*more than 2000000; ask for fewer files or aliases/);
    const other = {};
    for (let i = 0; i < 14; i++) chargeRendering(other, month, 1);
    expect(() => chargeRendering(other, month, 1)).toThrow(GraphQLError);
    expect(() => chargeRendering({}, month, 2)).not.toThrow();
  });
});
