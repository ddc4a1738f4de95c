import { AppError } from '../../../domain/errors.ts';

/** Excel's own limit on the text of one cell. */
export const MAX_CELL_CHARS = 32_767;

const count = (n: number): string => n.toLocaleString('en-US');

/** A sheet's name as messages quote it. */
export const quoted = (name: string): string => `“${name}”`;

/** A workbook whose zip or XML is broken, or that lacks a part it needs. `what` says what is wrong, in plain words. */
export function damaged(what: string): AppError {
  return new AppError(
    'bad_file',
    `The Excel workbook could not be read: it is damaged (${what}). Open it in Excel or another spreadsheet program, save it again as .xlsx, and upload the new file.`,
  );
}

/** A zip file that holds no workbook at all. */
export function notAWorkbook(): AppError {
  return new AppError('bad_file', 'The zip file is not an Excel workbook: it holds no list of sheets. Upload the .xlsx file itself, or the data as CSV, JSON or GeoJSON.');
}

/** One cell holding more text than Excel allows. */
export function cellTooLong(cell: string, sheet: string): AppError {
  return new AppError(
    'bad_file',
    `Cell ${cell} of sheet ${quoted(sheet)} holds more than ${count(MAX_CELL_CHARS)} characters, more than Excel allows. Shorten the text in that cell and upload the file again.`,
    { cell, sheet },
  );
}

/** A text longer than a cell may hold, met where no cell can be named (the shared text). */
export function textTooLong(): AppError {
  return new AppError(
    'bad_file',
    `The workbook holds a text of more than ${count(MAX_CELL_CHARS)} characters, more than Excel allows in a cell. Shorten that text and upload the file again.`,
  );
}

/** A cell past Excel's last column. */
export function columnTooFar(cell: string, sheet: string): AppError {
  return damaged(`cell ${cell} of sheet ${quoted(sheet)} lies past column XFD, the last one Excel has`);
}

/** One row whose cells add up to more text than Plaza reads in a row. */
export function rowTooLong(row: number, sheet: string, limit: number): AppError {
  return new AppError(
    'bad_file',
    `Row ${count(row)} of sheet ${quoted(sheet)} holds more than ${count(limit)} characters of text, more than Plaza reads in one row. Shorten the text in that row and upload the file again.`,
    { row, sheet },
  );
}

/** More distinct text than Plaza keeps in memory for one workbook. */
export function sharedTextTooLarge(limitBytes: number): AppError {
  const mib = Math.round(limitBytes / (1024 * 1024));
  return new AppError(
    'payload_too_large',
    `The workbook holds more than ${count(mib)} MiB of distinct text, more than Plaza reads from one workbook. Split the workbook into smaller ones, or save the sheet as CSV and upload that.`,
    { limit_bytes: limitBytes },
  );
}
