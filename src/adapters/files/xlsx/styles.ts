import type { AppError } from '../../../domain/errors.ts';
import type { Expansion, ZipParts } from './zip.ts';
import { damaged } from './messages.ts';
import { parseXml, type XmlHandler } from './xml.ts';

/** Built-in number formats that show a date or a time: 14–22 and 45–47. */
const BUILT_IN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** More custom number formats than any workbook needs (Excel keeps a few hundred). */
const MAX_FORMATS = 100_000;

/**
 * True when a custom number format shows a date or a time: it has d, m, y, h
 * or s outside quoted text, `[...]` sections (colours, locales, elapsed
 * time's brackets) and escaped or padding characters (`\x`, `_x`, `*x`).
 */
export function isDateFormat(code: string): boolean {
  for (let i = 0; i < code.length; i++) {
    const c = code[i] as string;
    if (c === '"') {
      const end = code.indexOf('"', i + 1);
      if (end < 0) return false;
      i = end;
    } else if (c === '[') {
      const end = code.indexOf(']', i + 1);
      if (end < 0) return false;
      i = end;
    } else if (c === '\\' || c === '_' || c === '*') {
      i++;
    } else if ('dmyhsDMYHS'.includes(c)) {
      return true;
    }
  }
  return false;
}

/** Which cell styles (the `s` of a cell, an index into `cellXfs`) show dates. */
export class DateStyles {
  constructor(private readonly flags: Uint8Array = new Uint8Array(0)) {}

  isDate(style: number): boolean {
    return this.flags[style] === 1;
  }
}

class StylesHandler implements XmlHandler {
  private readonly customDates = new Set<number>();
  private customCount = 0;
  private inCellXfs = false;
  flags = new Uint8Array(64);
  count = 0;

  open(name: string, attrs: Record<string, string>): void {
    if (name === 'numFmt') {
      if (++this.customCount > MAX_FORMATS) throw damaged('its styles hold more number formats than a workbook can');
      const id = Number(attrs.numFmtId);
      if (Number.isInteger(id) && isDateFormat(attrs.formatCode ?? '')) this.customDates.add(id);
    } else if (name === 'cellXfs') {
      this.inCellXfs = true;
    } else if (name === 'xf' && this.inCellXfs) {
      const id = Number(attrs.numFmtId ?? 0);
      if (this.count === this.flags.length) {
        const grown = new Uint8Array(this.flags.length * 2);
        grown.set(this.flags);
        this.flags = grown;
      }
      this.flags[this.count++] = BUILT_IN_DATES.has(id) || this.customDates.has(id) ? 1 : 0;
    }
  }

  close(name: string): void {
    if (name === 'cellXfs') this.inCellXfs = false;
  }

  text(): void {}
}

/** Reads the styles part: only which cell styles are dates is kept. */
export async function readDateStyles(zip: ZipParts, part: string | undefined, expansion: Expansion, signal?: AbortSignal): Promise<DateStyles> {
  if (!part || !zip.has(part)) return new DateStyles();
  const handler = new StylesHandler();
  const malformed = (): AppError => damaged('its styles are not well-formed');
  await parseXml(zip.read(part, 'its styles', expansion, signal), handler, { signal, malformed, tooLong: malformed });
  return new DateStyles(handler.flags.subarray(0, handler.count));
}
