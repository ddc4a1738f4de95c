import { rm } from 'node:fs/promises';
import { AppError } from '../../domain/errors.ts';
import { tooManyRows, type IngestLimits } from '../../domain/ingest/limits.ts';
import { CsvFileWriter } from './csv-writer.ts';
import { damaged, quoted } from './xlsx/messages.ts';
import { readSharedStrings } from './xlsx/shared-strings.ts';
import { SheetRows } from './xlsx/sheet.ts';
import { readDateStyles } from './xlsx/styles.ts';
import { readWorkbook, WORKBOOK_PART, WORKBOOK_RELS, type SheetInfo, type WorkbookInfo } from './xlsx/workbook.ts';
import { parseXml } from './xlsx/xml.ts';
import { Expansion, ZipParts } from './xlsx/zip.ts';

export interface XlsxOptions {
  sheet?: string;
  limits: IngestLimits;
  signal?: AbortSignal;
}

/** The first worksheet, or the one named; refuses a workbook without it. */
function pickSheet(book: WorkbookInfo, wanted: string | undefined): SheetInfo {
  const sheet = wanted === undefined ? book.sheets[0] : book.sheets.find((s) => s.name === wanted);
  if (sheet) return sheet;
  const names = book.sheets.map((s) => s.name).join(', ');
  const which = wanted !== undefined ? `has no sheet named "${wanted}" (sheets: ${names || 'none'})` : 'has no sheets';
  throw new AppError('bad_file', `The workbook ${which}.`);
}

/** Rejects with the abort's reason once `signal` aborts; never settles otherwise. */
function whenAborted(signal: AbortSignal | undefined): { promise: Promise<never>; stop: () => void } {
  if (!signal) return { promise: new Promise<never>(() => undefined), stop: () => undefined };
  let onAbort = (): void => undefined;
  const promise = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  promise.catch(() => undefined);
  return { promise, stop: () => signal.removeEventListener('abort', onAbort) };
}

/** What is thrown out of the reader: its own errors as they are, anything else as a plain sentence. */
function asAppError(e: unknown, signal: AbortSignal | undefined): unknown {
  if (signal?.aborted) return signal.reason;
  if (e instanceof AppError) return e;
  if (typeof (e as NodeJS.ErrnoException)?.code === 'string' && (e as NodeJS.ErrnoException).syscall) {
    return new AppError('internal', 'The workbook could not be read: the server could not read or write its working files. Try again later, and tell an administrator if it keeps happening.');
  }
  return damaged('it could not be unpacked');
}

/**
 * Streams one sheet of a workbook (the first, or the one named) into CSV
 * text. The first non-empty row is the header; shorter rows are padded to its
 * width. Every part is checked against the limit on expansion before it is
 * inflated and while it is; see docs/adr/0014-reading-workbooks.md.
 */
export async function xlsxToCsv(path: string, outPath: string, opts: XlsxOptions): Promise<{ sheet: string; rows: number }> {
  const { limits, signal } = opts;
  const expansion = new Expansion(limits.maxExpandedBytes);
  let zip: ZipParts | undefined;
  let out: CsvFileWriter | undefined;
  const aborted = whenAborted(signal);
  try {
    zip = await ZipParts.open(path);
    const book = await readWorkbook(zip, expansion, signal);
    const sheet = pickSheet(book, opts.sheet);
    const part = sheet.part;
    if (part === undefined || !zip.has(part)) throw damaged(`the sheet ${quoted(sheet.name)} is missing`);
    const parts = [WORKBOOK_PART, WORKBOOK_RELS, book.styles, book.sharedStrings, part];
    expansion.checkDeclared(parts.map((p) => (p === undefined ? 0 : (zip as ZipParts).declaredSize(p))));
    const styles = await readDateStyles(zip, book.styles, expansion, signal);
    const strings = await readSharedStrings(zip, book.sharedStrings, expansion, { signal });
    const rows = new SheetRows({ name: sheet.name, strings, styles, date1904: book.date1904, maxTextBytes: limits.maxExpandedBytes });
    const writer = new CsvFileWriter(outPath);
    out = writer;
    let width = -1;
    let data = 0;
    const drain = async (): Promise<void> => {
      for (const values of rows.take()) {
        if (width < 0) {
          if (values.every((v) => v === null || v === '')) continue;
          width = values.length;
        } else if (++data > limits.maxRows) {
          throw tooManyRows(limits.maxRows);
        }
        while (values.length < width) values.push(null);
        await Promise.race([writer.row(values), aborted.promise]);
      }
    };
    const malformed = () => damaged(`the sheet ${quoted(sheet.name)} is not well-formed`);
    await parseXml(zip.read(part, `the sheet ${quoted(sheet.name)}`, expansion, signal), rows, { signal, malformed, tooLong: () => rows.tooLong(), drain });
    await Promise.race([writer.close(), aborted.promise]);
    out = undefined;
    if (width < 0) throw new AppError('bad_file', `The sheet "${sheet.name}" is empty.`);
    return { sheet: sheet.name, rows: data };
  } catch (e) {
    // The partial CSV goes at once: a refused workbook leaves nothing behind.
    out?.close().catch(() => undefined);
    await rm(outPath, { force: true }).catch(() => undefined);
    throw asAppError(e, signal);
  } finally {
    aborted.stop();
    zip?.close();
  }
}
