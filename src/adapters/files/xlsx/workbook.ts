import type { AppError } from '../../../domain/errors.ts';
import { damaged, notAWorkbook } from './messages.ts';
import type { Expansion, ZipParts } from './zip.ts';
import { parseXml, type XmlHandler } from './xml.ts';

export const WORKBOOK_PART = 'xl/workbook.xml';
export const WORKBOOK_RELS = 'xl/_rels/workbook.xml.rels';

/** The list of sheets and its relationships are small; past this they are not a workbook's. */
const MAX_LIST_BYTES = 16 * 1024 * 1024;

export interface SheetInfo {
  name: string;
  /** The sheet's part in the zip; undefined when the workbook does not say where it is. */
  part: string | undefined;
}

export interface WorkbookInfo {
  /** The worksheets in the workbook's order (chart sheets left out). */
  sheets: SheetInfo[];
  /** Dates count from 1904-01-01 (`workbookPr date1904`), not 1900. */
  date1904: boolean;
  sharedStrings: string | undefined;
  styles: string | undefined;
}

/** A relationship's target as a part name: relative to `xl/`, or absolute from the zip's root. */
export function resolveTarget(target: string, base = 'xl/'): string {
  const path = target.startsWith('/') ? target.slice(1) : base + target;
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '..') out.pop();
    else if (seg !== '.' && seg !== '') out.push(seg);
  }
  return out.join('/');
}

const truthy = (v: string | undefined): boolean => v === '1' || v === 'true';

class WorkbookHandler implements XmlHandler {
  date1904 = false;
  readonly sheets: { name: string; rel: string | undefined }[] = [];
  private inSheets = false;

  open(name: string, attrs: Record<string, string>): void {
    if (name === 'workbookPr') this.date1904 = truthy(attrs.date1904);
    else if (name === 'sheets') this.inSheets = true;
    else if (name === 'sheet' && this.inSheets) {
      // The relationship id is `r:id`, whatever the prefix.
      const rel = Object.entries(attrs).find(([k]) => k.endsWith(':id'))?.[1];
      this.sheets.push({ name: attrs.name ?? `Sheet${this.sheets.length + 1}`, rel });
    }
  }

  close(name: string): void {
    if (name === 'sheets') this.inSheets = false;
  }

  text(): void {}
}

class RelsHandler implements XmlHandler {
  readonly byId = new Map<string, { type: string; target: string }>();
  sharedStrings: string | undefined;
  styles: string | undefined;

  open(name: string, attrs: Record<string, string>): void {
    if (name !== 'Relationship' || attrs.TargetMode === 'External' || !attrs.Target) return;
    const type = attrs.Type ?? '';
    const target = resolveTarget(attrs.Target);
    if (attrs.Id) this.byId.set(attrs.Id, { type, target });
    if (type.endsWith('/sharedStrings')) this.sharedStrings ??= target;
    else if (type.endsWith('/styles')) this.styles ??= target;
  }

  close(): void {}
  text(): void {}
}

/** Reads the list of sheets, the date system, and where the shared strings and styles are. */
export async function readWorkbook(zip: ZipParts, expansion: Expansion, signal?: AbortSignal): Promise<WorkbookInfo> {
  if (!zip.has(WORKBOOK_PART)) throw notAWorkbook();
  const sizes = [zip.declaredSize(WORKBOOK_PART), zip.declaredSize(WORKBOOK_RELS)];
  expansion.checkDeclared(sizes);
  if (sizes.some((s) => s > MAX_LIST_BYTES)) throw damaged('its list of sheets is far larger than a workbook’s');
  const malformed = (): AppError => damaged('its list of sheets is not well-formed');
  const book = new WorkbookHandler();
  await parseXml(zip.read(WORKBOOK_PART, 'its list of sheets', expansion, signal), book, { signal, malformed, tooLong: malformed });
  const rels = new RelsHandler();
  if (zip.has(WORKBOOK_RELS)) await parseXml(zip.read(WORKBOOK_RELS, 'its list of sheets', expansion, signal), rels, { signal, malformed, tooLong: malformed });
  const sheets: SheetInfo[] = [];
  for (const s of book.sheets) {
    const rel = s.rel === undefined ? undefined : rels.byId.get(s.rel);
    // Chart sheets and dialog sheets have a relationship of another type: they hold no table.
    if (rel && !rel.type.endsWith('/worksheet')) continue;
    sheets.push({ name: s.name, part: rel?.target });
  }
  return {
    sheets,
    date1904: book.date1904,
    sharedStrings: rels.sharedStrings ?? (zip.has('xl/sharedStrings.xml') ? 'xl/sharedStrings.xml' : undefined),
    styles: rels.styles ?? (zip.has('xl/styles.xml') ? 'xl/styles.xml' : undefined),
  };
}
