import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { FILE_LIMITS } from '../metrics/bounds';
import { badInput } from '../platform/errors';
import type { ExportFile } from './exports';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * An export as an Excel workbook (exceljs's streaming writer: each row is committed as it is
 * written, so the workbook is never held twice): one sheet named after the file, the same header
 * as the CSV (each figure's definition label) frozen on top, numbers as numbers, the definitions
 * on a second sheet. Refused above FILE_LIMITS.spreadsheetCells cells.
 */
export async function xlsxContent(f: ExportFile): Promise<Buffer> {
  const cells = f.cells.length * Math.max(1, f.header.length);
  if (cells > FILE_LIMITS.spreadsheetCells) {
    throw badInput({ field: 'to', message: `the workbook would have ${cells} cells, more than ${FILE_LIMITS.spreadsheetCells}; narrow the range or take the CSV (content)` });
  }
  const sink = new PassThrough();
  const parts: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => parts.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    sink.on('end', resolve);
    sink.on('error', reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName(f.fileName), { views: [{ state: 'frozen', ySplit: 1 }] });
  const header = sheet.addRow(f.header);
  header.font = { bold: true };
  header.commit();
  for (const row of f.cells) sheet.addRow(row.map((c) => (c === undefined ? null : c))).commit();
  sheet.commit();
  if (f.definitions.length > 0) {
    const definitions = workbook.addWorksheet('definitions');
    definitions.addRow(['definition']).commit();
    for (const d of f.definitions) definitions.addRow([d]).commit();
    definitions.commit();
  }
  await workbook.commit();
  await done;
  return Buffer.concat(parts);
}

/** Excel's sheet names: at most 31 characters, none of : \ / ? * [ ]. */
function sheetName(fileName: string): string {
  return fileName.replace(/\.csv$/, '').replace(/[:\\/?*[\]]/g, '_').slice(0, 31) || 'export';
}
